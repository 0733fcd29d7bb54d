"""Hand-built courses with every question type, for render, state and browser tests."""

from __future__ import annotations

from dataclasses import replace

from scormbuild.courseconfig import CourseConfig, Theme
from scormbuild.model import (
    Choice,
    Course,
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


# What a module page of the no-blocks course holds besides its quiz, as the Markdown renderer
# writes it: a callout of every kind, a footnote, a table, a link out and a file to download.
_CALLOUTS = "".join(
    f'<aside class="callout callout-{kind}" aria-label="{label}">'
    f'<p class="callout-title">{label}</p><p>Teksti.</p></aside>'
    for kind, label in (
        ("note", "Huomio"),
        ("tip", "Vinkki"),
        ("warning", "Varoitus"),
        ("important", "Tärkeää"),
    )
)
_EXTRAS = (
    _CALLOUTS + '<p>Lähde<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>. '
    '<a href="https://example.org/" target="_blank" rel="noopener noreferrer">Sivusto'
    '<span class="sb-new-window"><span class="sb-vh"> (avautuu uuteen ikkunaan)</span></span></a> '
    '<a href="../assets/opas.pdf" download>Opas'
    '<span class="sb-file-info"> (PDF, 12 kt)</span></a></p>'
    '<div class="sb-table" role="group" tabindex="0" aria-label="Taulukko"><table><thead><tr>'
    "<th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table></div>"
    '<hr class="footnotes-sep"><section class="footnotes" aria-label="Alaviitteet">'
    '<ol class="footnotes-list"><li id="fn1" class="footnote-item"><p>Lähde. '
    '<a href="#fnref1" class="footnote-backref">↩︎</a></p></li></ol></section>'
)


def no_blocks_course() -> Course:
    """The course the learner code budget's first target measures: the most a course without
    interactive blocks ships. Every question kind (so drag and drop), a quiz in exam mode,
    callouts of all four kinds, footnotes, a table, a link out, a download, a logo and a cover
    image, single-SCO (the launch, cover and finish pages)."""
    course = sample_course(
        theme=Theme(logo="assets/logo.png", logo_alt="Logo", hero="assets/kansi.jpg")
    )
    exam = Quiz(id="koe", title="Koe", questions=questions("k-"), mode="exam")
    modules = (*course.modules, module(4, exam))
    return replace(course, modules=tuple(replace(m, html=m.html + _EXTRAS) for m in modules))
