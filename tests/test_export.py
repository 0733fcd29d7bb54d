"""``scormbuild export``: Moodle XML and GIFT for every question type, and what each loses.

Moodle's own importers read these files in tests/moodle/test_export_moodle.py; here the
structure is checked, and generated hostile texts must not break either format.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import etree

from scormbuild.cli import main
from scormbuild.export.gift import escape, gift
from scormbuild.export.moodle_xml import moodle_xml
from scormbuild.model import Asset, Choice, Course, Question, Quiz
from tests.brokenkit import prepare
from tests.course_samples import module, questions, sample_course

EXAMPLE = Path(__file__).resolve().parents[1] / "course"


def xml_questions(course: Course) -> dict[str, etree._Element]:
    root = etree.fromstring(moodle_xml(course).text.encode("utf-8"))
    return {
        q.findtext("name/text"): q for q in root.iter("question") if q.get("type") != "category"
    }


def test_moodle_xml_maps_every_type() -> None:
    qs = xml_questions(sample_course())
    assert {k: q.get("type") for k, q in qs.items() if k.startswith("tarkistus.")} == {
        "tarkistus.single": "multichoice",
        "tarkistus.multiple": "multichoice",
        "tarkistus.tf": "truefalse",
        "tarkistus.fill": "shortanswer",
        "tarkistus.numeric": "numerical",
        "tarkistus.matching": "matching",
        "tarkistus.ordering": "ordering",
    }
    single = qs["tarkistus.single"]
    assert single.findtext("single") == "true"
    assert [a.get("fraction") for a in single.iter("answer")] == ["100", "0", "0"]
    assert "Juuri niin" in single.find("answer/feedback/text").text
    assert "Hienoa" in single.findtext("correctfeedback/text")
    assert "Ajattele" in single.findtext("hint/text")
    assert single.findtext("idnumber") == "tarkistus.single"
    multiple = qs["tarkistus.multiple"]
    assert multiple.findtext("single") == "false"
    assert multiple.findtext("defaultgrade") == "2"
    assert [a.get("fraction") for a in multiple.iter("answer")] == ["50", "50", "-100"]
    tf = qs["tarkistus.tf"]
    assert [(a.findtext("text"), a.get("fraction")) for a in tf.iter("answer")] == [
        ("true", "0"),
        ("false", "100"),
    ]
    fill = qs["tarkistus.fill"]
    assert [a.findtext("text") for a in fill.iter("answer")] == ["tuloskortti", "tulos-kortti"]
    assert fill.findtext("usecase") == "0"
    numeric = qs["tarkistus.numeric"].find("answer")
    assert (numeric.findtext("text"), numeric.findtext("tolerance")) == ("2030", "0.5")
    matching = qs["tarkistus.matching"]
    assert [s.findtext("answer/text") for s in matching.iter("subquestion")] == [
        "Yksilön kokemus",
        "Tiimin oppiminen",
        "Laaja otos",
    ]
    ordering = qs["tarkistus.ordering"]
    assert ordering.findtext("gradingtype") == "ALL_OR_NOTHING"
    assert ordering.findtext("selecttype") == "ALL"
    assert [a.findtext("text") for a in ordering.iter("answer")] == ["Suunnittele", "Kerää", "Jaa"]


def test_moodle_xml_categories_and_shuffling() -> None:
    root = etree.fromstring(moodle_xml(sample_course()).text.encode("utf-8"))
    cats = [
        q.findtext("category/text") for q in root.iter("question") if q.get("type") == "category"
    ]
    assert cats == [
        "$course$/top/Opit jakoon/Tarkista ymmärryksesi",
        "$course$/top/Opit jakoon/Harjoitus",
        "$course$/top/Opit jakoon/Loppukoe",
    ]
    qs = xml_questions(sample_course())
    assert qs["tarkistus.single"].findtext("shuffleanswers") == "false"
    assert qs["pooli.x-single"].findtext("shuffleanswers") == "true"


def test_quiz_settings_and_partial_credit_are_warned() -> None:
    warnings = [p.format() for p in moodle_xml(sample_course()).warnings]
    assert any("pool: 3" in w and "attempts: 3" in w for w in warnings)
    assert any("graded: false" in w for w in warnings)
    assert any("tarkistus.matching: Moodle gives part of the points" in w for w in warnings)
    assert any("tarkistus.multiple: Moodle gives part" in w for w in warnings)
    assert all(": warning: " in w for w in warnings)


@pytest.mark.parametrize("export", [moodle_xml, gift])
def test_the_quiz_mode_is_named_as_moodle_s_question_behaviour(export: Any) -> None:
    """A question bank holds no quiz behaviour: the Moodle quiz's setting is named instead, as
    Moodle's default (deferred feedback) is the package's exam mode, not its instant one."""
    course = _course(questions()[0])
    exam = replace(course, modules=(module(1, replace(course.modules[0].quizzes[0], mode="exam")),))
    for each, behaviour in ((course, "Immediate feedback"), (exam, "Deferred feedback")):
        (note,) = [p for p in export(each).warnings if "How questions behave" in p.message]
        mode = each.modules[0].quizzes[0].mode
        assert f"mode: {mode} (How questions behave: {behaviour})" in note.message
        assert (note.location.path, note.location.line) == ("quizzes/q.yml", 1)


def test_range_numeric_and_case_sensitive_fill() -> None:
    qs = questions()
    rng = replace(qs[4], numeric=replace(qs[4].numeric, minimum=1.5, maximum=2.5, value=None))
    cs = replace(qs[3], case_sensitive=True, answers=("A*b",))
    course = _course(rng, cs)
    xq = xml_questions(course)
    ans = xq["q.numeric"].find("answer")
    assert (ans.findtext("text"), ans.findtext("tolerance")) == ("2", "0.5")
    assert xq["q.fill"].findtext("usecase") == "1"
    assert xq["q.fill"].find("answer").findtext("text") == "A\\*b"  # literal star
    text = gift(course).text
    assert "{#=1.5..2.5}" in text
    assert "=A\\\\*b" in text  # GIFT reads '\\\\' as '\\': Moodle's literal-star escape
    assert any("case-sensitive" in p.message for p in gift(course).warnings)


def _course(*qs: Question) -> Course:
    base = sample_course()
    quiz = Quiz(id="q", title="Q", questions=qs, source="quizzes/q.yml", line=1)
    return replace(base, modules=(module(1, quiz),))


def test_gift_leaves_out_ordering_with_a_warning_per_question() -> None:
    course = sample_course()
    out = gift(course)
    assert out.skipped == 2  # the graded and the pooled quiz have one each
    assert "ordering" not in out.text
    left_out = [p for p in out.warnings if "cannot express an ordering" in p.message]
    assert len(left_out) == 2
    assert {"GIFT has no points" in p.message for p in out.warnings} == {True, False}
    assert any("hints" in p.message for p in out.warnings)


def test_gift_shapes() -> None:
    text = gift(sample_course()).text
    assert "$CATEGORY: $course$/top/Opit jakoon/Tarkista ymmärryksesi" in text
    assert "// [id:tarkistus.single]\n::tarkistus.single::[html]" in text
    assert "{~%50%Haastattelu ~%50%Retrospektiivi ~%-100%Arvaus}" in text
    assert "{FALSE" in text
    assert "{=tuloskortti =tulos-kortti}" in text
    assert "{#=2030:0.5}" in text
    assert "=Haastattelu -> Yksilön kokemus" in text


def _unescaped(text: str, ch: str) -> int:
    return len(re.findall(r"(?<!\\)(?:\\\\)*" + re.escape(ch), text)) - len(
        re.findall(r"(?<!\\)(?:\\\\)*\\" + re.escape(ch), text)
    )


HOSTILE = "~=#{}:\\\n\r%[]->]]><&\"'*/$"


def _hostile(rand: random.Random) -> str:
    return "".join(rand.choice(HOSTILE + "ab ä") for _ in range(rand.randint(1, 24)))


@pytest.mark.parametrize("seed", range(40))
def test_generated_hostile_texts_keep_both_formats_whole(seed: int) -> None:
    rand = random.Random(seed)
    qs = questions()
    single = replace(
        qs[0],
        prompt_html=_hostile(rand),
        choices=tuple(
            replace(c, html=_hostile(rand), feedback_html=_hostile(rand)) for c in qs[0].choices
        ),
        feedback_correct_html=_hostile(rand),
    )
    fill = replace(qs[3], answers=(_hostile(rand).strip() or "x",))
    course = _course(single, fill, qs[5])
    # Moodle XML: well-formed, and every text comes back as written.
    root = etree.fromstring(moodle_xml(course).text.encode("utf-8"))
    got = {q.findtext("name/text"): q for q in root.iter("question")}
    assert got["q.single"].findtext("questiontext/text") == single.prompt_html.replace(
        "\r\n", "\n"
    ).replace("\r", "\n")
    # GIFT: one block per question, braces balanced once unescaped, no blank line inside.
    blocks = gift(course).text.strip().split("\n\n")
    assert len(blocks) == 2 + 3
    for block in blocks[2:]:
        body = "\n".join(line for line in block.split("\n") if not line.startswith("//"))
        plain = escape_free(body)
        assert plain.count("{") == 1 and plain.count("}") == 1, block
        assert plain.index("{") < plain.index("}")


def escape_free(text: str) -> str:
    """``text`` with GIFT's escapes removed, as Moodle's escapedchar_pre does first."""
    text = text.replace("\\\\", "\0")
    return re.sub(r"\\[:#={}~n]", "", text)


def test_escape() -> None:
    assert escape("a{b}=c#d~e:f\\g\nh") == "a\\{b\\}\\=c\\#d\\~e\\:f\\\\g\\nh"
    assert escape("%50").startswith("&\\#37;")


def test_example_course_exports(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "bank.xml"
    result = runner.invoke(main, ["export", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "26 questions (fi)" in result.output
    assert etree.parse(str(out)).getroot().tag == "quiz"
    result = runner.invoke(
        main, ["export", str(EXAMPLE), "--format", "gift", "--language", "sv", "-o", "-"]
    )
    assert result.exit_code == 0
    assert "$CATEGORY: $course$/top/" in result.stdout
    assert (
        "quizzes/tuloskortti.sv.yml:51: warning: tuloskortti.m5-tyovaiheet: GIFT cannot"
        in result.output
    )


def test_export_default_name_and_bad_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["export", str(EXAMPLE), "--format", "gift"])
    assert result.exit_code == 0
    assert (tmp_path / "dist" / "opit-jakoon-1.0.0-fi-questions.gift.txt").is_file()
    result = runner.invoke(main, ["export", str(EXAMPLE), "--language", "de"])
    assert result.exit_code == 1
    assert "course.yml: error: the course has no language 'de'" in result.output
    assert "Traceback" not in result.output


def test_course_with_errors_writes_nothing(tmp_path: Path) -> None:
    broken, _dist = prepare("quiz-unknown-type", tmp_path)  # a broken course of tests/broken
    out = tmp_path / "x.xml"
    result = CliRunner().invoke(main, ["export", str(broken), "-o", str(out)])
    assert result.exit_code == 1
    assert "error: question 'q1': unknown question type" in result.output
    assert not out.exists()


def test_assets_are_embedded(tmp_path: Path) -> None:
    asset = tmp_path / "kuva.png"
    asset.write_bytes(b"\x89PNG fake")
    q = replace(
        questions()[0], prompt_html='<p>Katso <img src="../assets/img/kuva.png" alt="k" /></p>'
    )
    course = replace(_course(q), assets=(Asset("assets/img/kuva.png", asset, 9),))
    qx = xml_questions(course)["q.single"]
    assert 'src="@@PLUGINFILE@@/img/kuva.png"' in qx.findtext("questiontext/text")
    f = qx.find("questiontext/file")
    assert (f.get("name"), f.get("path"), f.get("encoding")) == ("kuva.png", "/img/", "base64")
    assert any("cannot carry the file" in p.message for p in gift(course).warnings)


def test_a_multiple_question_with_one_right_choice_stays_multiple_in_gift() -> None:
    q = Question(
        id="m",
        type="multiple",
        prompt_html="P",
        choices=(Choice("a", "A", True), Choice("b", "B", False)),
    )
    text = gift(_course(q)).text
    assert "{~%100%A ~%-100%B}" in text  # no '=': Moodle keeps it a many-answer question
