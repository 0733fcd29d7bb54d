"""Quizzes as Moodle XML (``question/format/xml``): every question type, files embedded."""

from __future__ import annotations

import base64
import posixpath

from lxml import etree

from scormbuild.export.base import (
    Exported,
    Notes,
    category_name,
    course_category,
    has_markup,
    media,
    name,
    number,
    partial_credit_notes,
    quiz_settings_notes,
    share,
    text_of,
)
from scormbuild.model import Course, Question, Quiz

El = etree._Element


class _Writer:
    """Builds the ``<quiz>`` document; embeds the course assets that texts show."""

    def __init__(self, course: Course, notes: Notes) -> None:
        self.course = course
        self.notes = notes
        self.assets = {a.path: a for a in course.assets}

    def text(self, parent: El, tag: str, html: str, quiz: Quiz, q: Question | None) -> El:
        """``<tag format="html"><text>html</text><file .../></tag>``, assets as its files."""
        el = etree.SubElement(parent, tag, format="html")
        self.fill(el, html, quiz, q)
        return el

    def fill(self, el: El, html: str, quiz: Quiz, q: Question | None) -> None:
        """``<text>`` and a ``<file>`` for each course asset the HTML shows."""
        files: list[tuple[str, bytes]] = []
        for src in dict.fromkeys(media(html)):
            path = posixpath.normpath(src.removeprefix("../"))
            asset = self.assets.get(path)
            if asset is None or not path.startswith("assets/"):
                if q is not None:
                    self.notes.question(quiz, q, f"'{src}' is not a course asset; left as it is")
                continue
            inner = path.removeprefix("assets/")
            html = html.replace(f'src="{src}"', f'src="@@PLUGINFILE@@/{inner}"')
            files.append((inner, asset.source.read_bytes()))
        etree.SubElement(el, "text").text = _cdata(html)
        for inner, data in files:
            folder, base = posixpath.split(inner)
            f = etree.SubElement(el, "file")
            f.set("name", base)
            f.set("path", f"/{folder}/" if folder else "/")
            f.set("encoding", "base64")
            f.text = base64.b64encode(data).decode("ascii")

    def plain(self, parent: El, tag: str, text: str, fmt: str | None = None) -> El:
        el = etree.SubElement(parent, tag)
        if fmt:
            el.set("format", fmt)
        etree.SubElement(el, "text").text = text
        return el


def _cdata(html: str) -> str | etree.CDATA:
    # CDATA keeps the HTML readable; text that would end it is escaped as usual instead.
    return etree.CDATA(html) if html and "]]>" not in html else html


def _sub(parent: El, tag: str, text: str | None = None) -> El:
    el = etree.SubElement(parent, tag)
    if text is not None:
        el.text = text
    return el


def _category(root: El, w: _Writer, quiz: Quiz) -> None:
    q = _sub(root, "question")
    q.set("type", "category")
    path = "/".join(
        part.replace("/", "//") for part in (course_category(w.course), category_name(quiz))
    )
    w.plain(q, "category", f"$course$/top/{path}")
    # No category ID number: Moodle's importer stops with a database error when the ID number
    # is taken in the course by a category of another path (the same quiz in another language,
    # or after its title changed). The questions keep theirs.
    w.plain(q, "info", f"scormbuild quiz {quiz.id}", "html")


def _head(root: El, w: _Writer, quiz: Quiz, q: Question, qtype: str) -> El:
    el = _sub(root, "question")
    el.set("type", qtype)
    w.plain(el, "name", name(quiz, q))
    w.text(el, "questiontext", q.prompt_html, quiz, q)
    w.text(el, "generalfeedback", "", quiz, q)
    _sub(el, "defaultgrade", number(q.points))
    _sub(el, "penalty", "0")  # the package takes nothing off for another try
    _sub(el, "hidden", "0")
    _sub(el, "idnumber", name(quiz, q))
    return el


def _combined(el: El, w: _Writer, quiz: Quiz, q: Question) -> None:
    w.text(el, "correctfeedback", q.feedback_correct_html, quiz, q)
    # The package has no "partly right": anything short of right gets the incorrect text.
    w.text(el, "partiallycorrectfeedback", q.feedback_incorrect_html, quiz, q)
    w.text(el, "incorrectfeedback", q.feedback_incorrect_html, quiz, q)


def _hint(el: El, w: _Writer, quiz: Quiz, q: Question, parts: bool = False) -> None:
    if q.hint_html:
        h = w.text(el, "hint", q.hint_html, quiz, q)
        if parts:
            _sub(h, "options", "0")


def _answer(
    el: El,
    w: _Writer,
    quiz: Quiz,
    q: Question,
    fraction: str,
    html: str,
    feedback: str,
    fmt: str = "html",
) -> El:
    a = _sub(el, "answer")
    a.set("fraction", fraction)
    a.set("format", fmt)
    if fmt == "html":
        w.fill(a, html, quiz, q)
    else:
        _sub(a, "text", html)
    w.text(a, "feedback", feedback, quiz, q)
    return a


def _choice(root: El, w: _Writer, quiz: Quiz, q: Question) -> None:
    el = _head(root, w, quiz, q, "multichoice")
    n_right = sum(c.correct for c in q.choices)
    single = q.type == "single"
    _sub(el, "single", "true" if single else "false")
    _sub(el, "shuffleanswers", "true" if quiz.shuffle_choices else "false")
    _sub(el, "answernumbering", "none")
    _sub(el, "showstandardinstruction", "0")
    _combined(el, w, quiz, q)
    _sub(el, "shownumcorrect")
    right, exact = share(n_right)
    if not exact:
        w.notes.question(
            quiz,
            q,
            f"Moodle cannot split the points in {n_right} equal parts; "
            f"each right choice is worth {number(right)} %",
        )
    for c in q.choices:
        # A wrong choice costs everything, so that only the exact set earns full points.
        fraction = (
            (number(right) if not single else "100") if c.correct else ("0" if single else "-100")
        )
        _answer(el, w, quiz, q, fraction, c.html, c.feedback_html)
    _hint(el, w, quiz, q)


def _truefalse(root: El, w: _Writer, quiz: Quiz, q: Question) -> None:
    el = _head(root, w, quiz, q, "truefalse")
    true_right = next(c.correct for c in q.choices if c.id == "t")
    for value, right in (("true", true_right), ("false", not true_right)):
        fb = q.feedback_correct_html if right else q.feedback_incorrect_html
        _answer(el, w, quiz, q, "100" if right else "0", value, fb, fmt="moodle_auto_format")
    _hint(el, w, quiz, q)


def _fill(root: El, w: _Writer, quiz: Quiz, q: Question) -> None:
    el = _head(root, w, quiz, q, "shortanswer")
    _sub(el, "usecase", "1" if q.case_sensitive else "0")
    for text in q.answers:
        # '*' is Moodle's wildcard; the package compares literally.
        literal = text.replace("*", "\\*")
        _answer(el, w, quiz, q, "100", literal, q.feedback_correct_html, fmt="moodle_auto_format")
    if q.feedback_incorrect_html:
        _answer(el, w, quiz, q, "0", "*", q.feedback_incorrect_html, fmt="moodle_auto_format")
    _hint(el, w, quiz, q)


def _numeric(root: El, w: _Writer, quiz: Quiz, q: Question) -> None:
    el = _head(root, w, quiz, q, "numerical")
    n = q.numeric
    assert n is not None
    value = n.value if n.value is not None else (n.minimum + n.maximum) / 2
    tolerance = n.tolerance if n.value is not None else (n.maximum - n.minimum) / 2
    a = _answer(
        el, w, quiz, q, "100", number(value), q.feedback_correct_html, fmt="moodle_auto_format"
    )
    _sub(a, "tolerance", number(tolerance))
    if q.feedback_incorrect_html:
        other = _answer(
            el, w, quiz, q, "0", "*", q.feedback_incorrect_html, fmt="moodle_auto_format"
        )
        _sub(other, "tolerance", "0")
    _sub(el, "unitgradingtype", "0")
    _sub(el, "unitpenalty", "0")
    _sub(el, "showunits", "3")
    _sub(el, "unitsleft", "0")
    _hint(el, w, quiz, q)


def _matching(root: El, w: _Writer, quiz: Quiz, q: Question) -> None:
    el = _head(root, w, quiz, q, "matching")
    _sub(el, "shuffleanswers", "true")  # the package always shows the targets in a menu
    _combined(el, w, quiz, q)
    _sub(el, "shownumcorrect")
    for p in q.pairs:
        sub = w.text(el, "subquestion", p.left_html, quiz, q)
        answer = _sub(sub, "answer")
        _sub(answer, "text", text_of(p.right_html))
        if has_markup(p.right_html):
            w.notes.question(
                quiz,
                q,
                f"pair {p.id}: Moodle shows the right-hand side as plain "
                "text; its formatting is dropped",
            )
    _hint(el, w, quiz, q)


def _ordering(root: El, w: _Writer, quiz: Quiz, q: Question) -> None:
    el = _head(root, w, quiz, q, "ordering")
    _sub(el, "layouttype", "VERTICAL")
    _sub(el, "selecttype", "ALL")
    _sub(el, "selectcount", str(len(q.items)))
    _sub(el, "gradingtype", "ALL_OR_NOTHING")  # the package's rule
    _sub(el, "showgrading", "SHOW")
    _sub(el, "numberingstyle", "none")
    _combined(el, w, quiz, q)
    _sub(el, "shownumcorrect", "1")
    for i, item in enumerate(q.items):
        _answer(el, w, quiz, q, str(i + 1), item.html, "")
    _hint(el, w, quiz, q, parts=True)


WRITERS = {
    "single": _choice,
    "multiple": _choice,
    "truefalse": _truefalse,
    "fill": _fill,
    "numeric": _numeric,
    "matching": _matching,
    "ordering": _ordering,
}


def moodle_xml(course: Course) -> Exported:
    """Every quiz of ``course`` as Moodle XML, one category per quiz."""
    notes = Notes()
    w = _Writer(course, notes)
    root = etree.Element("quiz")
    root.append(
        etree.Comment(
            f" {course.config.id} {course.config.version} ({course.language}): scormbuild export "
        )
    )
    count = 0
    for quiz in course.quizzes:
        quiz_settings_notes(notes, quiz)
        _category(root, w, quiz)
        for q in quiz.questions:
            WRITERS[q.type](root, w, quiz, q)
            partial_credit_notes(notes, quiz, q)
            count += 1
    etree.indent(root, space="  ")
    text = etree.tostring(root, encoding="UTF-8", xml_declaration=True).decode("utf-8") + "\n"
    return Exported(text, count, 0, tuple(notes.items))
