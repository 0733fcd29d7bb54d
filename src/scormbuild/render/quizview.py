"""What ``quiz.html`` shows of each question, worked out once in Python.

Ids, labels, the hidden legend, the answer shown after the last attempt: the template places
these values instead of computing them with template calls and filters, which cost more than
the markup around them (docs/performance.md has the figures).
A theme's own ``quiz.html`` can use these views or the models they are made from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import jinja2
from jinja2.filters import do_truncate
from markupsafe import Markup, escape

from scormbuild.model import Question, Quiz
from scormbuild.package import suspend_data as state
from scormbuild.render.fastpath import markup
from scormbuild.strings import Catalog, number

_BLOCK = re.compile(r"<(?:ul|ol|table|div|pre|figure|blockquote|h[1-6]|hr|video|audio)\b", re.I)
_P_OPEN = re.compile(r"<p\b[^>]*>")


def phrasing(html: str) -> Markup | None:
    """``html`` made fit for a ``<legend>`` or ``<label>`` (paragraphs become spans), or None."""
    if "<" not in html:  # most labels are words alone
        return markup(html.strip())
    if _BLOCK.search(html):
        return None
    html = _P_OPEN.sub('<span class="sb-p">', html.strip())
    return markup(html.replace("</p>", "</span>"))


def text_of(html: str) -> str:
    """The text of ``html``, tags removed and entities decoded (the template escapes it)."""
    if "<" not in html and "&" not in html:  # no tags, no entities: spaces collapsed alone
        return " ".join(html.split())
    return Markup(html).striptags()


def correct_answer(q: Question, lang: str) -> Markup:
    """The correct answer as HTML, shown after the last attempt."""
    if q.type in ("single", "multiple", "truefalse"):
        return markup(", ".join(c.html for c in q.choices if c.correct))
    if q.type == "fill":
        return escape(q.answers[0]) if q.answers else Markup("")
    if q.type == "numeric" and q.numeric is not None:
        n = q.numeric
        if n.value is not None:
            return escape(number(n.value, lang))
        return escape(f"{number(n.minimum, lang)}–{number(n.maximum, lang)}")
    # The parts are HTML already: joined as plain strings (Markup.format costs far more).
    if q.type == "matching":
        rows = "".join(f"<li>{p.left_html} → {p.right_html}</li>" for p in q.pairs)
        return markup(f"<ul>{rows}</ul>")
    items = "".join(f"<li>{i.html}</li>" for i in q.items)
    return markup(f"<ol>{items}</ol>")


# Not frozen: a frozen dataclass sets each field through object.__setattr__, three times
# the cost of making one, and a course's quizzes make thousands (templates cannot assign).
@dataclass(slots=True)
class Option:
    """A choice, a matching row or an ordering item as the page shows it."""

    id: str  # the element id
    value: int  # the position the runtime reports
    label: Markup | str  # phrasing HTML, or text (escaped by the template)
    text: str = ""  # ordering: the plain text, for the move buttons' names
    feedback_html: str = ""  # choices: feedback shown when this one is picked


@dataclass(slots=True)
class QuestionView:
    """One question as ``quiz.html`` shows it."""

    q: Question
    id: str  # the element id: q-<quiz id>-<question id>
    legend: Markup | None  # the prompt fit for a <legend>; None when it has blocks
    prompt_text: str  # the prompt as text, for a visually hidden legend
    options: tuple[Option, ...]  # choices, matching rows or ordering items (rotated)
    targets: tuple[str, ...]  # matching: the right-hand texts, in order
    maxlength: int  # fill and numeric answers
    points: str  # "2 points" when a question is not worth one point, else ""
    answer: Markup | str  # the correct answer, shown after the last attempt


def _options(q: Question, qid: str, t: Catalog) -> tuple[Option, ...]:
    if q.type == "truefalse":
        return tuple(
            Option(f"{qid}-{c.id}", i, t("true" if c.id == "t" else "false"), "", c.feedback_html)
            for i, c in enumerate(q.choices)
        )
    if q.type in ("single", "multiple"):
        return tuple(
            Option(f"{qid}-{c.id}", i, _label(c.html), "", c.feedback_html)
            for i, c in enumerate(q.choices)
        )
    if q.type == "matching":
        return tuple(Option(f"{qid}-{p.id}", i, _label(p.left_html)) for i, p in enumerate(q.pairs))
    if q.type == "ordering":
        # Rotated by one so that the page without scripts does not show the answer.
        n = len(q.items)
        rotated = [(j, q.items[j]) for j in ((k + 1) % n for k in range(n))]
        return tuple(
            Option(f"{qid}-{item.id}", j, _label(item.html), text_of(item.html))
            for j, item in rotated
        )
    return ()


def _label(html: str) -> Markup | str:
    return phrasing(html) or text_of(html)


def _max_length(q: Question) -> int:
    if q.type == "numeric":
        return state.NUMERIC_MAX_LENGTH
    return state.fill_max_length(q) if q.type == "fill" else 0


def question_views(
    env: jinja2.Environment, quiz: Quiz, lang: str, t: Catalog
) -> list[QuestionView]:
    """Every question of ``quiz`` as the template shows it."""
    views = []
    for q in quiz.questions:
        qid = f"q-{quiz.id}-{q.id}"
        legend = phrasing(q.prompt_html)
        hidden = "" if legend is not None else do_truncate(env, text_of(q.prompt_html), 120)
        if q.type == "truefalse":
            answer: Markup | str = t("true" if q.choices[0].correct else "false")
        else:
            answer = correct_answer(q, lang)
        points = "" if q.points == 1 else t("points", n=str(q.points).removesuffix(".0"))
        views.append(
            QuestionView(
                q=q,
                id=qid,
                legend=legend,
                prompt_text=hidden,
                options=_options(q, qid, t),
                targets=tuple(text_of(p.right_html) for p in q.pairs),
                maxlength=_max_length(q),
                points=points,
                answer=answer,
            )
        )
    return views
