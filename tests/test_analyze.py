"""``scormbuild analyze`` on real Moodle reports (tests/fixtures/moodle-reports, made by
regenerate.py there: made-up learners played tests/fixtures/analyze-course in Moodle 4.5).

The figures are checked against what the learners were scripted to do (regenerate.py), in
all three download formats; names and e-mail addresses in the reports must reach no output.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import random
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from scormbuild.analyze.analysis import Analysis, analyze
from scormbuild.analyze.html import to_html
from scormbuild.analyze.output import to_csv, to_json, to_text
from scormbuild.analyze.tables import ReportError, read_rows
from scormbuild.cli import main
from scormbuild.source.load import load_course

HERE = Path(__file__).resolve().parent
REPORTS = HERE / "fixtures" / "moodle-reports"
COURSE = HERE / "fixtures" / "analyze-course"
TRACKS = sorted((REPORTS / "tracks").glob("*.csv"))


def course():  # type: ignore[no-untyped-def]
    return load_course(COURSE).courses[0]


def learner_identities() -> set[str]:
    """Every name and e-mail address in the reports' identity columns."""
    found: set[str] = set()
    for name in ("interactions.txt", "basic.txt", "other-package-interactions.txt"):
        rows = read_rows(REPORTS / name)
        for row in rows[1:]:
            found.update(c for c in row[:2] if c)
            found.update(row[0].split())  # first and last names on their own
    return found


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyze([REPORTS / "interactions.txt", *TRACKS], course())


def item(a: Analysis, qid: str):  # type: ignore[no-untyped-def]
    return next(i for i in a.items if i.qid == qid)


def test_the_three_formats_read_alike() -> None:
    txt, xlsx, ods = (read_rows(REPORTS / f"interactions.{e}") for e in ("txt", "xlsx", "ods"))
    assert len(txt) == len(xlsx) == len(ods) > 8
    for a, b, c in zip(txt, xlsx, ods, strict=True):
        width = max(len(a), len(b), len(c))
        a, b, c = (r + [""] * (width - len(r)) for r in (a, b, c))
        # The dates differ: the text download writes the weekday, the spreadsheets do not.
        assert [x for j, x in enumerate(a) if j not in (3, 4)] == [
            x for j, x in enumerate(b) if j not in (3, 4)
        ]
        assert b == c
    for ext in ("xlsx", "ods"):
        got = analyze([REPORTS / f"interactions.{ext}"], course())
        want = analyze([REPORTS / "interactions.txt"], course())
        assert got.items == want.items and got.summary == want.summary


def test_course_figures(analysis: Analysis) -> None:
    s = analysis.summary
    assert s.started == 8  # the eight learners of the package; the others have no attempt
    assert s.learners > s.started
    # oppija06 and oppija08 left after the first module; oppija07 scored below the mastery
    # score of 60 with attempts left, so the package reports no result for them yet.
    assert s.completed == 5
    assert s.passed == 5
    assert s.scores == 5 and sum(s.histogram) == 5
    assert s.histogram[2] == 0
    # Track details say where the three who did not finish stopped: two in the first module,
    # oppija07 in the last one.
    assert s.stops == ((0, 2), (2, 1))


def test_question_figures(analysis: Analysis) -> None:
    oppi = item(analysis, "perusteet.oppi")
    assert (oppi.learners, oppi.facility) == (8, 1.0)
    assert oppi.discrimination is None  # no variance: everyone right
    kompassi = item(analysis, "perusteet.kompassi")
    picked = {o.id: o.picked for o in kompassi.options}
    assert picked == {"a": 3, "b": 4, "c": 1, "d": 0}
    assert kompassi.facility == pytest.approx(3 / 8)
    assert kompassi.discrimination is not None and kompassi.discrimination < 0
    assert [o.text for o in kompassi.options][:2] == ["Vuoteen 2025.", "Vuoteen 2030."]
    # Three learners tried perusteet twice: on the second try the retry answers count.
    assert kompassi.by_attempt[0][:2] == (1, 8) and kompassi.by_attempt[1][1] == 2
    menetelmat = item(analysis, "perusteet.menetelmat")
    assert {o.id: o.picked for o in menetelmat.options} == {"a": 6, "b": 3, "c": 2}
    parit = item(analysis, "syventava.parit")
    assert parit.learners == 6 and parit.facility == pytest.approx(3 / 6)
    # Typed answers as the package compares them: " Tuloskortti " is "tuloskortti".
    assert item(analysis, "syventava.nimi").common[0] == ("tuloskortti", 5, True)


def test_latency_comes_from_track_details(analysis: Analysis) -> None:
    lat = [i.latency for i in analysis.items]
    assert all(x is not None and x > 0 for x in lat), lat
    without = analyze([REPORTS / "interactions.txt"], course())
    assert all(i.latency is None for i in without.items)
    assert any("Track details" in n for n in without.notes)


def test_flags_name_file_and_line(analysis: Analysis) -> None:
    lines = [p.format().split("\n")[0] for p in analysis.flags]
    assert (
        "quizzes/perusteet.yml:6: warning: perusteet.oppi: too easy: 100 % right at the first try"
        in lines
    )
    assert any(
        line.startswith("quizzes/perusteet.yml:6: warning: perusteet.oppi: nobody picks")
        for line in lines
    )
    kompassi = [line for line in lines if "perusteet.kompassi" in line]
    assert all(line.startswith("quizzes/perusteet.yml:15: warning:") for line in kompassi)
    joined = "\n".join(kompassi)
    assert "discrimination -" in joined
    assert "nobody picks 'Vuoteen 2050.' (d)" in joined
    assert "'Vuoteen 2030.' (b) is picked more often than the right answer (4 against 3)" in joined
    assert "the answer key looks wrong" in joined
    assert not [line for line in lines if "syventava.nimi" in line and "key" in line]


def test_outputs_never_name_a_learner(analysis: Analysis) -> None:
    ids = learner_identities()
    assert "oppija01@example.invalid" in ids and "Kuvitteellinen" in ids
    outputs = [to_text(analysis), to_json(analysis), to_csv(analysis), to_html(analysis)]
    for other in ("basic.txt", "basic.xlsx", "basic-detailed.txt", "interactions.ods"):
        a = analyze([REPORTS / other, *TRACKS], course())
        outputs += [to_text(a), to_json(a), to_html(a)]
    outputs.append(to_text(analyze([REPORTS / "interactions.txt"])))
    for text in outputs:
        for who in ids:
            # Whole words: "Oppija" (a made-up surname) is inside the Finnish "Oppijat".
            assert not re.search(rf"(?<!\w){re.escape(who)}(?!\w)", text), who


def test_json_and_csv(analysis: Analysis) -> None:
    data = json.loads(to_json(analysis))
    assert data["summary"]["started"] == 8
    q = {x["id"]: x for x in data["questions"]}
    assert q["perusteet.kompassi"]["source"] == "quizzes/perusteet.yml:15"
    assert any("answer key looks wrong" in w for w in q["perusteet.kompassi"]["warnings"])
    rows = list(csv.DictReader(io.StringIO(to_csv(analysis))))
    assert [r["question"] for r in rows][:2] == ["perusteet.oppi", "perusteet.kompassi"]
    assert rows[1]["choices"] == "a=3 b=4 c=1 d=0"


def test_basic_report() -> None:
    a = analyze([REPORTS / "basic.txt"], course())
    assert a.items == () and a.summary.started == 8
    assert a.summary.scores == 5
    assert any("Interactions" in n for n in a.notes)
    detailed = analyze([REPORTS / "basic-detailed.txt"], course())
    assert detailed.summary.completed == 5 and detailed.summary.passed == 5
    # Moodle's Excel and ODS downloads of the Basic report read as the text one.
    for ext in ("xlsx", "ods"):
        assert analyze([REPORTS / f"basic.{ext}"], course()).summary == a.summary, ext


def test_without_course() -> None:
    a = analyze([REPORTS / "interactions.txt"])
    assert item(a, "perusteet.kompassi").facility == pytest.approx(3 / 8)
    assert a.language == "en"


def test_few_learners_are_warned_not_refused() -> None:
    a = analyze(
        [REPORTS / "other-package-interactions.txt"], load_course(HERE.parent / "course").courses[0]
    )
    assert a.summary.started == 3
    assert a.notes[0].startswith("Vain 3 oppijaa on aloittanut (alle 5)")
    assert a.items and not [p for p in a.flags if "too easy" in p.message]
    code, out = run(
        str(REPORTS / "other-package-interactions.txt"), "--course", str(HERE.parent / "course")
    )
    assert code == 0
    assert out.count("other-package-interactions.txt: warning: Only 3 learners started") == 1
    assert "Helppous" in out  # the figures are printed all the same
    code, out = run(
        str(REPORTS / "other-package-interactions.txt"), "--course", str(HERE.parent / "course"),
        "--format", "json",
    )  # fmt: skip
    warned = json.loads(out)["warnings"]
    assert warned[0]["code"] == "analyze-few-learners", warned
    enough = analyze([REPORTS / "interactions.txt"], course())
    assert not [p for p in enough.flags if p.code == "analyze-few-learners"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["analyze", *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_cli_outputs(tmp_path: Path) -> None:
    html = tmp_path / "r" / "report.html"
    code, out = run(str(REPORTS / "interactions.ods"), *map(str, TRACKS), "--course", str(COURSE),
                    "--html", str(html))  # fmt: skip
    assert code == 0
    assert out.startswith("Kysymysanalyysi: Analyysikurssi")
    assert (
        "quizzes/perusteet.yml:15: warning: perusteet.kompassi: the answer key looks wrong" in out
    )
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, out = run(str(REPORTS / "interactions.xlsx"), "--format", "json")
    assert code == 0 and json.loads(out)["summary"]["started"] == 8
    code, out = run(str(REPORTS / "interactions.txt"), "--format", "csv")
    assert code == 0 and out.startswith("question,type,source")


def first_cell(name: str, pattern: str) -> tuple[int, int]:
    """The line and column (from 1) of the first cell of a text report matching ``pattern``."""
    lines = (REPORTS / name).read_text(encoding="utf-8").split("\n")
    for n, line in enumerate(lines[1:], start=2):
        for c, cell in enumerate(line.split("\t"), start=1):
            if re.fullmatch(pattern, cell.strip('"')):
                return n, c
    raise AssertionError(pattern)


def test_bad_reports_are_located() -> None:
    # Another package: at the first cell naming a question the course does not have.
    line, column = first_cell("other-package-interactions.txt", r"miksi-jakaa\.[\w-]+")
    cases = [
        (
            ["other-package-interactions.txt"],
            f"other-package-interactions.txt:{line}:{column}: error: "
            "the report is from another package: none of its questions",
        ),
        # Only the Response columns: at the header, where the question columns start.
        (
            ["responses-only.txt"],
            "responses-only.txt:1:8: error: the report has no question ids",
        ),
        (["tracks/oppija01.csv"], "oppija01.csv: error: no SCORM report among the files"),
    ]
    for files, message in cases:
        code, out = run(*(str(REPORTS / f) for f in files), "--course", str(COURSE))
        assert code == 1
        assert message in out and "\n  hint: " in out, out


@pytest.mark.parametrize("ext", ["txt", "xlsx", "ods"])
def test_another_package_is_located_in_every_format(ext: str, tmp_path: Path) -> None:
    # The example course is not the package of the analyze fixtures: the first row with an
    # answer is the first learner with an attempt, in the text, Excel and ODS downloads alike.
    code, out = run(str(REPORTS / f"interactions.{ext}"), "--course", str(HERE.parent / "course"))
    line, column = first_cell("interactions.txt", r"perusteet\.[\w-]+")
    assert code == 1
    assert f"interactions.{ext}:{line}:{column}: error: the report is from another package" in out


def test_unknown_layout_and_empty(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    code, out = run(str(empty))
    assert code == 1 and f"{empty}: error: the file is empty" in out
    header_only = tmp_path / "header.txt"
    header_only.write_text(
        "\n\n" + (REPORTS / "interactions.txt").read_text(encoding="utf-8").split("\n")[0] + "\n"
    )
    code, out = run(str(header_only))
    # At the header's own line: blank lines before it count.
    assert code == 1 and f"{header_only}:3: error: an empty report" in out
    other = tmp_path / "grades.csv"
    other.write_text("Student,Grade\nA,5\nB,4\n", encoding="utf-8")
    code, out = run(str(other))
    assert code == 1 and f"{other}:1: error: unknown layout" in out


def _mutations(data: bytes, rand: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rand.randint(1, 20)):
        op = rand.randrange(3)
        pos = rand.randrange(len(b)) if b else 0
        if op == 0 and b:
            b[pos] = rand.randrange(256)
        elif op == 1:
            b[pos:pos] = bytes(rand.randrange(256) for _ in range(rand.randint(1, 8)))
        elif b:
            del b[pos : pos + rand.randint(1, 64)]
    return bytes(b)


@pytest.mark.parametrize("seed", range(60))
def test_damaged_reports_never_crash(tmp_path: Path, seed: int) -> None:
    rand = random.Random(seed)
    source = rand.choice(["interactions.txt", "interactions.xlsx", "interactions.ods", "basic.txt"])
    damaged = tmp_path / f"damaged{Path(source).suffix}"
    damaged.write_bytes(_mutations((REPORTS / source).read_bytes(), rand))
    with contextlib.suppress(ReportError):  # a clear error is the right answer to a damaged file
        analyze([damaged], course())


def test_spreadsheet_bombs_are_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.ods"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", b"<a>" + b" " * (300 * 1024 * 1024) + b"</a>")
    with pytest.raises(ReportError, match="unpacks to more"):
        read_rows(bomb)
    repeated = tmp_path / "repeat.ods"
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        '<office:spreadsheet><table:table><table:table-row table:number-rows-repeated="1000000000">'
        '<table:table-cell table:number-columns-repeated="1000000000"><text:p>x</text:p>'
        "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(repeated, "w") as zf:
        zf.writestr("content.xml", content)
    with pytest.raises(ReportError, match="more"):
        read_rows(repeated)


def test_a_report_of_another_version_of_a_quiz_is_named(tmp_path: Path) -> None:
    changed = tmp_path / "course"
    shutil.copytree(COURSE, changed)
    quiz = changed / "quizzes" / "perusteet.yml"
    text = quiz.read_text(encoding="utf-8")
    # The key fixed after the course ran: 2030 is right. Moodle recorded 'a' as right.
    before = "Vuoteen 2025.\n        correct: true\n      - text: Vuoteen 2030."
    after = "Vuoteen 2025.\n      - text: Vuoteen 2030.\n        correct: true"
    assert before in text
    text = text.replace(before, after)
    quiz.write_text(text, encoding="utf-8")
    a = analyze([REPORTS / "interactions.txt"], load_course(changed).courses[0])
    lines = [p.format() for p in a.flags if "perusteet.kompassi" in p.message]
    assert any("Moodle recorded the correct answer 'a', the course says 'b'" in x for x in lines)
    # Moodle's own Result column still decides what was right at the time.
    assert item(a, "perusteet.kompassi").facility == pytest.approx(3 / 8)


def test_parts_of_matching_and_ordering(analysis: Analysis) -> None:
    parit = item(analysis, "syventava.parit")
    assert [(o.id, o.picked) for o in parit.parts] == [("1", 3), ("2", 4), ("3", 4)]
    assert parit.parts[0].text == "Haastattelu → Yksilön kokemus"
    assert parit.common == ()
    jarjestys = item(analysis, "syventava.jarjestys")
    assert [o.picked for o in jarjestys.parts] == [4, 5, 5]


def test_too_hard_from_a_report_with_most_answers_wrong(tmp_path: Path) -> None:
    # The real report, but 'syventava.vaiheet' answered wrong by all but one learner: too hard.
    rows = list(csv.reader(io.StringIO((REPORTS / "interactions.txt").read_text("utf-8")),
                           delimiter="\t"))  # fmt: skip
    kept_right = 0
    for row in rows[1:]:
        for j, cell in enumerate(row):
            if cell == "syventava.vaiheet" and row[j + 3] == "correct":
                if kept_right:
                    row[j + 1], row[j + 3] = "7", "wrong"
                kept_right += 1
    assert kept_right >= 5
    changed = tmp_path / "interactions.txt"
    with changed.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter="\t", lineterminator="\n").writerows(rows)
    a = analyze([changed], course())
    vaiheet = item(a, "syventava.vaiheet")
    assert vaiheet.learners == 6 and vaiheet.facility == pytest.approx(1 / 6)
    lines = [p.format() for p in a.flags]
    assert any(
        line.startswith(
            "quizzes/syventava.yml:"
            f"{a.keys['syventava.vaiheet'].line}: warning: syventava.vaiheet: too hard: 17 % right"
        )
        for line in lines
    ), lines
    assert [x["answer"] for x in to_dict_common(a, "syventava.vaiheet")] == ["7"]


def to_dict_common(a: Analysis, qid: str) -> list[dict[str, object]]:
    data = json.loads(to_json(a))
    return next(q for q in data["questions"] if q["id"] == qid)["frequent_answers"]
