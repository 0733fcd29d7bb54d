"""``scormbuild diff`` on real package pairs: the course of tests/updatekit.py in 1.0.0 and
in 1.1.0 with each kind of change, and on inputs that are no scormbuild package at all."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scormbuild.cli import main
from scormbuild.commands.diff import diff
from scormbuild.diff.read import COURSE_DATA, DiffInputError, parse_course_data
from scormbuild.package import suspend_data as state
from tests.updatekit import CHANGES, build_version, write_version
from tests.zips import symlink, write_zip, zeros


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str | None, dict[str, Path]]:
    """1.0.0 and every 1.1.0 variant, built once: packages by language."""
    root = tmp_path_factory.mktemp("versions")
    return {c: build_version(root / (c or "old"), c) for c in (None, *CHANGES)}


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["diff", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def report(old: Path, new: Path) -> dict[str, Any]:
    code, out, _ = run(old, new, "--format", "json")
    data: dict[str, Any] = json.loads(out)
    assert code == (0 if data["verdict"] == "safe in place" else 1)
    return data


def codes(package: dict[str, Any]) -> set[str]:
    return {c["code"] for c in package["changes"]}


FORMAT_2 = state.VERSION != "1"  # saved progress records what each answer refers to

# change -> (codes that must be reported, resume, grades may change, safe in place)
EXPECTED: dict[str, tuple[set[str], str, bool, bool]] = {
    "text": ({"module-text"}, "clean", False, True),
    "question-changed": (
        {"question-changed"},
        "redo" if FORMAT_2 else "clean",
        True,
        False,
    ),
    "question-added": (
        {"question-added"},
        "redo" if FORMAT_2 else "start-over",
        True,
        False,
    ),
    "question-removed": (
        {"question-removed"},
        "clean" if FORMAT_2 else "start-over",
        True,
        False,
    ),
    "module-added": ({"module-added"}, "clean" if FORMAT_2 else "start-over", False, FORMAT_2),
    "module-removed": (
        {"module-removed"},
        "clean" if FORMAT_2 else "start-over",
        False,
        FORMAT_2,
    ),
    "module-reordered": (
        {"module-moved"} | (set() if FORMAT_2 else {"state-visits"}),
        "clean",
        False,
        FORMAT_2,
    ),
    "pool": ({"quiz-pool"}, "clean" if FORMAT_2 else "start-over", True, False),
    "attempts": ({"quiz-attempts"}, "clean", True, False),
    "mastery": ({"mastery"}, "clean", True, False),
    # Scoring is the same in both modes, and an exam's answers not yet submitted score nothing.
    "mode": ({"quiz-mode"}, "clean", False, True),
}


@pytest.mark.parametrize("change", sorted(EXPECTED))
def test_each_change_is_said_with_its_effects(
    versions: dict[str | None, dict[str, Path]], change: str
) -> None:
    data = report(versions[None]["fi"], versions[change]["fi"])
    (package,) = data["packages"]
    want, resume, grades, safe = EXPECTED[change]
    assert want <= codes(package), package["changes"]
    assert package["resume"] == resume
    assert package["grades_may_change"] is grades
    assert package["safe"] is safe
    assert data["verdict"] == ("safe in place" if safe else "needs care")
    assert package["moodle"] == "replace"  # single SCO, same course: Moodle keeps the records
    assert {"version"} <= codes(package)  # 1.0.0 -> 1.1.0 is said too
    assert package["old"]["version"] == "1.0.0" and package["new"]["version"] == "1.1.0"


def test_a_quiz_s_mode_is_said_both_ways(versions: dict[str | None, dict[str, Path]]) -> None:
    for old, new, words in (
        (None, "mode", "is now an exam: learners answer every question, then submit once"),
        ("mode", None, "is no longer an exam: each answer is checked"),
    ):
        (package,) = report(versions[old]["fi"], versions[new]["fi"])["packages"]
        (change,) = [c for c in package["changes"] if c["code"] == "quiz-mode"]
        assert change["text"].startswith(f"quiz 'Loppukoe' {words}")
        assert (change["care"], change["grades"], change["redo"]) == (False, False, None)


def test_the_same_package_is_safe_and_says_so_in_words(
    versions: dict[str | None, dict[str, Path]],
) -> None:
    code, out, _ = run(versions[None]["fi"], versions[None]["fi"])
    assert code == 0
    assert "nothing learners can see" in out
    assert "resume where they were, with everything kept" in out
    assert "Who must redo what: nobody" in out
    assert "Moodle's stored grades: unchanged." in out
    assert "replace the package in place" in out
    assert "Settings > Package > Package file" in out
    assert out.rstrip().endswith("safe to replace in place")


def test_text_report_names_who_must_redo_what(
    versions: dict[str | None, dict[str, Path]],
) -> None:
    code, out, _ = run(versions[None]["fi"], versions["question-added"]["fi"])
    assert code == 1
    assert "question k4 added" in out
    assert "Who must redo what:\n    - " in out
    assert "Moodle's stored grades: may change." in out
    assert out.rstrip().endswith("needs care")


def test_a_changed_question_is_told_apart_from_a_reworded_one(
    versions: dict[str | None, dict[str, Path]],
) -> None:
    (package,) = report(versions[None]["fi"], versions["question-changed"]["fi"])["packages"]
    (change,) = [c for c in package["changes"] if c["code"] == "question-changed"]
    assert "question k2" in change["text"] and "answer key" in change["text"]
    assert change["grades"] and change["care"]


def test_course_folders_are_compared_language_by_language(
    versions: dict[str | None, dict[str, Path]], tmp_path: Path
) -> None:
    old = write_version(tmp_path / "old")
    new = write_version(tmp_path / "new", "language-added")
    data = report(old, new)
    by_lang = {p["language"]: p for p in data["packages"]}
    assert set(by_lang) == {"fi", "sv"}
    assert by_lang["fi"]["safe"] and by_lang["fi"]["moodle"] == "replace"
    assert by_lang["sv"]["old"] is None and by_lang["sv"]["moodle"] == "new-activity"
    assert by_lang["sv"]["resume"] == "new"
    assert data["verdict"] == "safe in place"  # a new language affects nobody's progress


def test_a_package_and_a_course_folder_compare(
    versions: dict[str | None, dict[str, Path]], tmp_path: Path
) -> None:
    new = write_version(tmp_path / "new", "language-added")
    data = report(versions[None]["fi"], new)
    (package,) = data["packages"]  # the fi package of the folder, not its sv one
    assert package["language"] == "fi" and package["safe"]


def test_an_unpacked_package_is_read_like_its_zip(
    versions: dict[str | None, dict[str, Path]], tmp_path: Path
) -> None:
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(versions["mastery"]["fi"]) as zf:
        zf.extractall(folder)
    (unpacked,) = report(versions[None]["fi"], folder)["packages"]
    (zipped,) = report(versions[None]["fi"], versions["mastery"]["fi"])["packages"]
    assert unpacked["new"]["source"] == str(folder)
    for p in (unpacked, zipped):
        del p["new"]["source"], p["steps"]
    assert unpacked == zipped


def test_another_language_or_course_needs_a_new_activity(
    versions: dict[str | None, dict[str, Path]], tmp_path: Path
) -> None:
    (package,) = report(versions[None]["fi"], versions["language-added"]["sv"])["packages"]
    assert "language" in codes(package) and package["moodle"] == "new-activity"
    course = write_version(tmp_path / "other")
    yml = course / "course.yml"
    yml.write_text(yml.read_text().replace("id: paivitys", "id: toinen"))
    (package,) = report(versions[None]["fi"], course)["packages"]
    assert "course-id" in codes(package)
    assert package["resume"] == "start-over" and package["moodle"] == "new-activity"


def test_multi_sco_renamed_module_loses_moodle_records(tmp_path: Path) -> None:
    old = write_version(tmp_path / "old")
    new = write_version(tmp_path / "new", "module-reordered")
    for course in (old, new):
        yml = course / "course.yml"
        yml.write_text(yml.read_text() + "sco_mode: multi\n")
    (package,) = report(old, new)["packages"]
    assert "sco-removed" in codes(package)
    assert package["moodle"] == "new-activity" and package["grades_may_change"]
    assert "Moodle deletes every learner's record" in next(
        c["text"] for c in package["changes"] if c["code"] == "sco-removed"
    )


def test_older_packages_without_hashes_are_still_compared(
    versions: dict[str | None, dict[str, Path]], tmp_path: Path
) -> None:
    """A package built before course data carried keys and hashes."""
    old = versions[None]["fi"]
    with zipfile.ZipFile(old) as zf:
        members = [(n, zf.read(n)) for n in zf.namelist()]
    data = parse_course_data(dict(members)[COURSE_DATA], "x")
    for key in ("key", "state", "version"):
        data.pop(key)
    for m in data["modules"]:
        m.pop("k"), m.pop("h")
    for quiz in data["quizzes"]:
        quiz.pop("k"), quiz.pop("sk"), quiz.pop("title")
        for q in quiz["questions"]:
            q.pop("h")
    raw = f"window.SCORMBUILD_COURSE = {json.dumps(data)};\n".encode()
    legacy = write_zip(
        tmp_path / "legacy.zip", [(n, raw if n == COURSE_DATA else d) for n, d in members]
    )
    (package,) = report(legacy, versions["question-changed"]["fi"])["packages"]
    assert package["old"]["state_format"] == "1"
    assert "question-changed" in codes(package)  # its answer key still tells
    assert "no-hashes" in codes(package)


# -- inputs that are no scormbuild package -------------------------------------------------


def hostile_cases(good: Path, tmp: Path) -> dict[str, tuple[Path, str]]:
    """name -> (input, what the message must say)."""
    with zipfile.ZipFile(good) as zf:
        members = [(n, zf.read(n)) for n in zf.namelist()]
    data = dict(members)[COURSE_DATA]

    def swap(name: str, raw: bytes) -> list[tuple[str, bytes]]:
        return [(n, raw if n == COURSE_DATA else d) for n, d in members]

    not_zip = tmp / "not.zip"
    not_zip.write_bytes(b"PK\x03\x04 this is no zip")
    return {
        "missing": (tmp / "nothing.zip", "no such file"),
        "not a zip": (not_zip, "not a zip file"),
        "no course data": (
            write_zip(tmp / "other.zip", [m for m in members if m[0] != COURSE_DATA]),
            "not a package built by scormbuild",
        ),
        "no manifest": (
            write_zip(tmp / "nomanifest.zip", [m for m in members if m[0] != "imsmanifest.xml"]),
            "no imsmanifest.xml",
        ),
        "escaping entry": (
            write_zip(tmp / "escape.zip", [*members, ("../evil.txt", b"x")]),
            "'..' would write outside",
        ),
        "symlink": (
            write_zip(tmp / "link.zip", [*members, symlink("scormbuild/x.js", "/etc/passwd")]),
            "symbolic link",
        ),
        "zip bomb": (
            write_zip(tmp / "bomb.zip", [*members, zeros("a.bin", 300 * 2**20)]),
            "possible zip bomb",
        ),
        "bad json": (
            write_zip(tmp / "json.zip", swap(COURSE_DATA, data[:-20] + b";")),
            "not readable JSON",
        ),
        "wrong type": (
            write_zip(
                tmp / "type.zip",
                swap(COURSE_DATA, data.replace(b'"modules": [', b'"modules": 5, "x": [')),
            ),
            "'modules' has the wrong type",
        ),
        "deep json": (
            write_zip(
                tmp / "deep.zip",
                swap(COURSE_DATA, b"window.SCORMBUILD_COURSE = " + b"[" * 100000 + b";"),
            ),
            "not readable JSON",
        ),
        "bad manifest": (
            write_zip(
                tmp / "xml.zip",
                [(n, b"<manifest" if n == "imsmanifest.xml" else d) for n, d in members],
            ),
            "not well-formed XML",
        ),
    }


def test_hostile_or_foreign_inputs_fail_with_a_located_error(
    versions: dict[str | None, dict[str, Path]], tmp_path: Path
) -> None:
    good = versions[None]["fi"]
    for name, (bad, says) in hostile_cases(good, tmp_path).items():
        for args in ((bad, good), (good, bad)):
            code, out, err = run(*args)
            assert code == 1, name
            assert out == "", name
            first = err.splitlines()[0]
            assert first.startswith(str(bad)) and ": error: " in first, (name, err)
            assert says in err, (name, err)
            assert "Traceback" not in err


def test_a_course_folder_with_errors_fails_as_build_does(tmp_path: Path) -> None:
    course = write_version(tmp_path / "broken")
    (course / "course.yml").write_text("id: Not A Slug\n")
    code, _, err = run(course, course)
    assert code == 1 and "course.yml:1" in err and "Traceback" not in err


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False)
        | st.text(max_size=5),
        lambda kids: (
            st.lists(kids, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "id",
                        "lang",
                        "fp",
                        "modules",
                        "quizzes",
                        "questions",
                        "graded",
                        "attempts",
                        "drawn",
                        "module",
                        "title",
                        "type",
                        "k",
                        "h",
                        "mastery",
                    ]
                ),
                kids,
                max_size=8,
            )
        ),
        max_leaves=30,
    )
)
def test_any_course_data_is_read_or_refused_with_a_message(data: Any) -> None:
    raw = f"window.SCORMBUILD_COURSE = {json.dumps(data)};".encode()
    try:
        parse_course_data(raw, "p.zip: scormbuild/course-data.js")
    except DiffInputError as exc:
        assert exc.problems[0].location.path == "p.zip: scormbuild/course-data.js"


def test_a_side_that_is_not_there_is_a_located_error_with_a_hint(tmp_path: Path) -> None:
    with pytest.raises(DiffInputError) as raised:
        diff(tmp_path / "old.zip", tmp_path / "new.zip")
    (problem,) = raised.value.problems
    assert problem.location.path == str(tmp_path / "old.zip")
    assert problem.message == "no such file or folder" and problem.hint


def test_the_library_call_returns_the_report(versions: dict[str | None, dict[str, Path]]) -> None:
    result = diff(versions[None]["fi"], versions["text"]["fi"])
    assert result.exit_status == 0 and result.comparisons[0].resume == "clean"
