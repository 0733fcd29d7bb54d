"""Hand-built courses with every question type, for render, state and browser tests."""

from __future__ import annotations

from dataclasses import replace

from scormbuild.model import (
    Choice,
    Course,
    CourseConfig,
    Heading,
    Module,
    NumericAnswer,
    OrderItem,
    Pair,
    Question,
    Quiz,
    quiz_placeholder,
)


def questions(prefix: str = "") -> tuple[Question, ...]:
    """One question of each of the seven types; the first choice/answer is correct."""
    return (
        Question(
            id=f"{prefix}single",
            type="single",
            prompt_html="<p>Mikä on oppien jakamisen <strong>päätarkoitus</strong>?</p>",
            choices=(
                Choice("a", "Seuraava hanke välttää samat virheet.", True, "<p>Juuri niin.</p>"),
                Choice("b", "Raportointi ministeriölle.", False, "<p>Ei.</p>"),
                Choice("c", "Kustannusten karsinta.", False),
            ),
            feedback_correct_html="<p>Hienoa!</p>",
            feedback_incorrect_html="<p>Ei aivan.</p>",
            hint_html="<p>Ajattele seuraavaa hanketta.</p>",
        ),
        Question(
            id=f"{prefix}multiple",
            type="multiple",
            prompt_html="<p>Mitkä ovat menetelmiä?</p>",
            points=2,
            choices=(
                Choice("a", "Haastattelu", True),
                Choice("b", "Retrospektiivi", True),
                Choice("c", "Arvaus", False),
            ),
        ),
        Question(
            id=f"{prefix}tf",
            type="truefalse",
            prompt_html="<p>Retrospektiivi pidetään vain lopussa.</p>",
            choices=(Choice("t", "Tosi", False), Choice("f", "Epätosi", True)),
        ),
        Question(
            id=f"{prefix}fill",
            type="fill",
            prompt_html="<p>Tuloskortin toinen nimi?</p>",
            answers=("tuloskortti", "tulos-kortti"),
        ),
        Question(
            id=f"{prefix}numeric",
            type="numeric",
            prompt_html="<p>Mihin vuoteen kompassi tähtää?</p>",
            numeric=NumericAnswer(2029.5, 2030.5, 2030.0, 0.5),
        ),
        Question(
            id=f"{prefix}matching",
            type="matching",
            prompt_html="<p>Yhdistä menetelmä ja tarkoitus.</p>",
            pairs=(
                Pair("1", "Haastattelu", "Yksilön kokemus"),
                Pair("2", "Retrospektiivi", "Tiimin oppiminen"),
                Pair("3", "Kysely", "Laaja otos"),
            ),
        ),
        Question(
            id=f"{prefix}ordering",
            type="ordering",
            prompt_html="<p>Järjestä vaiheet.</p>",
            items=(OrderItem("1", "Suunnittele"), OrderItem("2", "Kerää"), OrderItem("3", "Jaa")),
        ),
    )


def module(n: int, *quizzes: Quiz) -> Module:
    slug = f"{n:02d}-osio-{n}"
    body = f'<h2 id="alku-{n}">Alku</h2><p>Osio {n}.</p><h2 id="loppu-{n}">Loppu</h2>'
    body += "".join(quiz_placeholder(q.id) for q in quizzes)
    return Module(
        id=f"m{slug}",
        slug=slug,
        title=f"Osio {n}",
        html=body,
        source=f"modules/{slug}.md",
        objectives=("Tunnistat asian.",),
        duration="10 min",
        headings=(Heading(2, f"alku-{n}", "Alku"), Heading(2, f"loppu-{n}", "Loppu")),
        quizzes=quizzes,
    )


def sample_course(**config: object) -> Course:
    """Three modules: a graded quiz of all types, a practice quiz, a pooled graded quiz."""
    graded = Quiz(id="tarkistus", title="Tarkista ymmärryksesi", questions=questions(), attempts=2)
    practice = Quiz(id="harjoitus", title="Harjoitus", questions=questions("p-")[:3], graded=False)
    pooled = Quiz(
        id="pooli",
        title="Loppukoe",
        questions=questions("x-"),
        pool=3,
        shuffle_questions=True,
        shuffle_choices=True,
        attempts=3,
    )
    base = CourseConfig(
        id="testikurssi",
        title="Opit jakoon",
        version="1.0.0",
        language="fi",
        languages=("fi",),
        mastery_score=80,
        completion=("viewed", "passed"),
    )
    return Course(
        config=replace(base, **config),  # type: ignore[arg-type]
        language=str(config.get("language", "fi")),
        modules=(module(1, graded), module(2, practice), module(3, pooled)),
    )
