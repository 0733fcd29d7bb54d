"""Hostile courses: what the source side of scormbuild must refuse, at the right line.

Each entry is made by ``hostile_course`` (``check COURSE``, and ``build COURSE -o dist`` over the
previous output of the valid course) or, for what needs a FIFO, a symlink or a huge file, by a
``make`` function of its own. ``tests/hostile/test_corpus.py`` runs them all through the real
command line under the runner's limits (``tests/hostile/runner.py``): exit 1, the location, no
traceback, bounded time and memory, nothing written, the previous output untouched.

The kinds: hangs and memory blow-ups, values that used to end in a traceback, names that would
write outside ``-o``, paths that read outside the course folder, wrong verdicts and unclear
messages (the script and remote content a page must not get is in ``PAGE_CASES``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from scormbuild.commands.build import build
from tests.coursekit import COURSE_YML, MODULE, write_course
from tests.hostile.corpus import COURSE, OUT, PAGE, hostile_course
from tests.hostile.runner import Case

YML = COURSE_YML  # id: demo, version 1.0.0, language en: 6 lines
BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10)
)
QUIZ_REF = MODULE.format(title="More") + "\n```quiz\nfile: quizzes/q.yml\n```\n"
QUIZ_HEAD = "id: q\ntitle: Q\nquestions:\n"
TF = "  - {id: q%d, type: truefalse, prompt: P, answer: true}\n"


def yml(**keys: str) -> str:
    """The kit's course.yml with ``keys`` set (an existing key keeps its line)."""
    lines = COURSE_YML.splitlines()
    for key, value in keys.items():
        at = next((i for i, x in enumerate(lines) if x.startswith(f"{key}:")), None)
        if at is None:
            lines.append(f"{key}: {value}")
        else:
            lines[at] = f"{key}: {value}"
    return "\n".join(lines) + "\n"


def module(body: str, front: str = "title: More\n") -> str:
    return f"---\n{front}---\n\n{body}"


def in_sandbox(change: Callable[[Path, Path], None], command: str) -> Callable[[Path], list[str]]:
    """A course changed by ``change(course, sandbox)`` on disk: checked, or built over the
    previous output of the valid course."""

    def make(sandbox: Path) -> list[str]:
        course = write_course(sandbox / COURSE)
        if command == "build":
            build(course, sandbox / OUT)
        change(course, sandbox)
        return ["check", COURSE] if command == "check" else ["build", COURSE, "-o", OUT]

    return make


def on_disk(name: str, change: Callable[[Path, Path], None], says: str) -> list[Case]:
    return [Case(f"{name} ({c})", in_sandbox(change, c), 1, says) for c in ("check", "build")]


def secret(sandbox: Path, name: str = "secret.txt", data: bytes = b"secret") -> Path:
    """A file outside the course folder that the course must never read."""
    path = sandbox / "outside" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def fifo_in_assets(course: Path, _sandbox: Path) -> None:
    (course / "assets").mkdir(exist_ok=True)
    os.mkfifo(course / "assets" / "clip.mp4")


def fifo_as_module(course: Path, _sandbox: Path) -> None:
    os.mkfifo(course / "modules" / "03-pipe.md")


def folder_as_module(course: Path, _sandbox: Path) -> None:
    (course / "modules" / "03-folder.md").mkdir()


def huge_module(course: Path, _sandbox: Path) -> None:
    with open(course / "modules" / "02-more.md", "w", encoding="utf-8") as fp:
        fp.write(MODULE.format(title="More"))
        line = "Words, words and more words in a module far larger than any course has. " * 10
        for _ in range(50 * 1024 * 1024 // len(line)):
            fp.write(line + "\n\n")


def assets_twice(course: Path, _sandbox: Path) -> None:
    (course / "assets").mkdir(exist_ok=True)
    (course / "assets" / "map.png").write_bytes(b"\x89PNG")
    (course / "assets" / "again").symlink_to(".")
    (course / "modules" / "02-more.md").write_text(module("![a map](../assets/again/map.png)\n"))


def module_links_out(course: Path, sandbox: Path) -> None:
    target = secret(sandbox, "secret.md", MODULE.format(title="Secret").encode())
    (course / "modules" / "03-secret.md").symlink_to(target)


def template_links_out(course: Path, sandbox: Path) -> None:
    (course / "templates").mkdir(exist_ok=True)
    (course / "templates" / "base.html").symlink_to(secret(sandbox, "base.html"))


def logo_links_out(course: Path, sandbox: Path) -> None:
    (course / "course.yml").write_text(yml(theme="{logo: assets/logo.png}"), encoding="utf-8")
    (course / "assets").mkdir(exist_ok=True)
    (course / "assets" / "logo.png").symlink_to(secret(sandbox, "logo.png"))


def quiz_file_links_out(course: Path, sandbox: Path) -> None:
    (course / "modules" / "02-more.md").write_text(QUIZ_REF, encoding="utf-8")
    (course / "quizzes").mkdir(exist_ok=True)
    (course / "quizzes" / "q.yml").symlink_to(secret(sandbox, "q.yml", QUIZ_HEAD.encode()))


def dangling(course: Path, _sandbox: Path) -> None:
    (course / "assets").mkdir(exist_ok=True)
    (course / "assets" / "gone.png").symlink_to(course / "assets" / "nothing.png")


def looping(course: Path, _sandbox: Path) -> None:
    (course / "assets").mkdir(exist_ok=True)
    (course / "assets" / "loop.png").symlink_to(course / "assets" / "loop.png")


def strict_course(name: str, files: dict[str, str | bytes], says: str) -> list[Case]:
    """Like ``hostile_course``, for what is a warning (made harmless): ``--strict`` refuses it."""
    check, build_ = hostile_course(name, files, says)
    return [
        Case(check.name, lambda s: [*check.make(s), "--strict"], 1, says),
        Case(build_.name, lambda s: [*build_.make(s), "--strict"], 1, says),
    ]


AT_LINE = r"^{}:{}(:\d+)?: error: {}"
_SOURCE_CASES = [
    # --- hangs and memory blow-ups ---
    *hostile_course(
        "alias bomb in course.yml",
        {"course.yml": YML + "strings:\n" + "".join("  " + x + "\n" for x in BOMB.splitlines())},
        AT_LINE.format(r"course\.yml", r"\d+", "YAML document with more than 200000 values"),
    ),
    *hostile_course(
        "alias bomb in a quiz file",
        {"modules/02-more.md": QUIZ_REF, "quizzes/q.yml": BOMB},
        AT_LINE.format(r"quizzes/q\.yml", r"\d+", "YAML document with more than 200000"),
    ),
    *hostile_course(
        "alias bomb in front matter",
        {"modules/02-more.md": module("Text.\n", "title: More\n" + BOMB)},
        AT_LINE.format(r"modules/02-more\.md", r"\d+", "YAML document with more than 200000"),
    ),
    *hostile_course(
        "alias bomb in an inline quiz",
        {"modules/02-more.md": module("```quiz\n" + BOMB + "```\n")},
        AT_LINE.format(r"modules/02-more\.md", r"\d+", "YAML document with more than 200000"),
    ),
    *hostile_course(
        "an alias inside itself",
        {"course.yml": YML + "keywords: &k [a, *k]\n"},
        AT_LINE.format(r"course\.yml", "7", "a YAML alias inside the value it names"),
    ),
    *hostile_course(
        "200,000 questions by alias",
        {
            "modules/02-more.md": QUIZ_REF,
            "quizzes/q.yml": "id: q\ntitle: Q\nquestions:\n  - &q {id: a, type: truefalse, "
            "prompt: P, answer: true}\n" + "  - *q\n" * 199_999,
        },
        AT_LINE.format(r"quizzes/q\.yml", r"\d+", "YAML document with more than 200000"),
    ),
    *hostile_course(
        "200,000 questions written out",
        {
            "modules/02-more.md": QUIZ_REF,
            "quizzes/q.yml": QUIZ_HEAD + "".join(TF % i for i in range(200_000)),
        },
        r"^modules/02-more\.md:10: error: 'quizzes/q\.yml' is larger than 2 MB, the limit",
    ),
    *hostile_course(
        "1001 questions",
        {
            "modules/02-more.md": QUIZ_REF,
            "quizzes/q.yml": QUIZ_HEAD + "".join(TF % i for i in range(1001)),
        },
        AT_LINE.format(r"quizzes/q\.yml", "3", "1001 questions, more than the limit of 1000"),
    ),
    *on_disk(
        "a 50 MB module",
        huge_module,
        r"^modules/02-more\.md: error: 'modules/02-more\.md' is larger than 2 MB, the limit",
    ),
    *hostile_course(
        "a module of unclosed HTML comments",
        {"modules/02-more.md": module("<div>\n" + "<!--" * 400_000 + "\n")},
        AT_LINE.format(r"modules/02-more\.md", "6", "the HTML '<!--<!--"),
    ),
    *hostile_course(
        "a malformed HTML declaration",
        {"modules/02-more.md": module("<div>\n<![<![\n</div>\n")},
        AT_LINE.format(r"modules/02-more\.md", r"\d", "the HTML '.*' here is never closed"),
    ),
    *on_disk(
        "a FIFO in assets",
        fifo_in_assets,
        r"^assets/clip\.mp4: error: 'assets/clip\.mp4' is not a regular file \(a FIFO",
    ),
    # --- tracebacks instead of messages ---
    *hostile_course(
        "deep YAML nesting",
        {"course.yml": YML + "strings: " + "[" * 5000 + "]" * 5000 + "\n"},
        AT_LINE.format(r"course\.yml", "7", "YAML nested more than 64 levels deep"),
    ),
    *(
        case
        for key, escape in (
            ("title", "\\v"),
            ("author", "\\x1f"),
            ("description", "\\uFFFE"),
            ("version", "\\0"),
            ("organization", "\\ud800"),
        )
        for case in hostile_course(
            f"{escape} in {key}",
            {"course.yml": yml(**{key: f'"x{escape}y"'})},
            AT_LINE.format(r"course\.yml", r"\d", "the text holds the character U\\+"),
        )
    ),
    *hostile_course(
        "a 400-digit number",
        {
            "modules/02-more.md": module(
                "```quiz\nid: q\ntitle: Q\nquestions:\n  - id: a\n    "
                "type: numeric\n    prompt: P\n    answer: " + "9" * 400 + "\n```\n"
            )
        },
        AT_LINE.format(r"modules/02-more\.md", "12", "a number of more than 100 digits"),
    ),
    *hostile_course(
        ".inf where a number belongs",
        {"course.yml": yml(size_budget_mb=".inf")},
        AT_LINE.format(r"course\.yml", "7", "'size_budget_mb' must be a positive number"),
    ),
    *hostile_course(
        "a 300-character id",
        {"course.yml": yml(id="a" * 300)},
        AT_LINE.format(r"course\.yml", "1", "'id' is 300 characters long, more than the limit"),
    ),
    *hostile_course(
        "a 300-character version",
        {"course.yml": yml(version="v" + "1" * 299)},
        AT_LINE.format(r"course\.yml", "3", "'version' is 300 characters long"),
    ),
    *on_disk(
        "a dangling symlink",
        dangling,
        r"^assets/gone\.png: error: 'assets/gone\.png' is a symlink to a file that does not",
    ),
    *on_disk(
        "a looping symlink",
        looping,
        r"^assets/loop\.png: error: 'assets/loop\.png' is a symlink that loops",
    ),
    *hostile_course(
        "a template that loops ten billion times",
        {
            "templates/module.html": PAGE.replace(
                "{{ BODY }}",
                "{% for a in range(99999) %}{% for b in range(99999) %}x{% endfor %}{% endfor %}",
            )
        },
        AT_LINE.format(r"templates/module\.html", "3", "template error: the template takes more"),
    ),
    *strict_course(
        "a template of put-together names and braces never closed",
        {
            # Not a page the theme renders: only its names are read, each '{{' once.
            "templates/extra.html": "".join(f"assets/n{i}-{{{{ x }}}}.png " for i in range(150))
            + "{{ assets/a" * 150_000,
            **{f"assets/n{i}-1.png": b"x" for i in range(3)},
        },
        r"^templates/extra\.html: error: more than 100 file names put together in templates/",
    ),
    *hostile_course(
        "a template that doubles a string",
        {
            "templates/index.html": '{% set ns = namespace(s="x") %}\n{% for i in range(64) %}'
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}\n"
        },
        AT_LINE.format(r"templates/index\.html", "2", "template error: the template makes a text"),
    ),
    # --- writing outside ---
    *hostile_course(
        "a version that climbs out of -o",
        {"course.yml": yml(version='"1/../../x"')},
        AT_LINE.format(r"course\.yml", "3", "'version' must be a version such as '1\\.0\\.0'"),
    ),
    *hostile_course(
        "a language code that climbs out",
        {"course.yml": yml(language='"en/../../x"')},
        AT_LINE.format(r"course\.yml", "4", "'language' must be a BCP 47 language code"),
    ),
    # --- reading outside the course folder ---
    *on_disk(
        "a module that links out",
        module_links_out,
        r"^modules/03-secret\.md: error: 'modules/03-secret\.md' is a symlink that points outside",
    ),
    *on_disk(
        "a course template that links out",
        template_links_out,
        r"^templates/base\.html: error: 'templates/base\.html' is a symlink that points outside",
    ),
    *on_disk(
        "a logo that links out",
        logo_links_out,
        r"^course\.yml:7: error: theme logo: 'assets/logo\.png' is a symlink that points outside",
    ),
    *on_disk(
        "a quiz file that links out",
        quiz_file_links_out,
        r"^modules/02-more\.md:10: error: 'quizzes/q\.yml' is a symlink that points outside",
    ),
    *hostile_course(
        "a modules entry with ../",
        {"course.yml": yml(modules="[01-intro.md, ../../outside/x.md]")},
        AT_LINE.format(r"course\.yml", "7", "'modules' must be a list of distinct module file"),
    ),
    *hostile_course(
        "a modules entry with an absolute path",
        {"course.yml": yml(modules="[/etc/passwd.md]")},
        AT_LINE.format(r"course\.yml", "7", "'modules' must be a list of distinct module file"),
    ),
    *hostile_course(
        "the logo is /etc/passwd",
        {"course.yml": yml(theme="{logo: /etc/passwd}")},
        AT_LINE.format(r"course\.yml", "7", "theme logo: absolute path '/etc/passwd'"),
    ),
    # --- wrong verdicts ---
    *hostile_course(
        "a 201-character title",
        {"course.yml": yml(title="T" * 201)},
        AT_LINE.format(r"course\.yml", "2", "'title' is 201 characters long"),
    ),
    *hostile_course(
        "a 201-character module title",
        {"modules/02-more.md": module("Text.\n", "title: " + "T" * 201 + "\n")},
        AT_LINE.format(r"modules/02-more\.md", "2", "the title is 201 characters long"),
    ),
    *hostile_course(
        "languages en and EN",
        {"course.yml": yml(languages="[en, EN]")},
        AT_LINE.format(r"course\.yml", "7", "'languages' must be a list of distinct language"),
    ),
    *hostile_course(
        "asset names differing in case",
        {"assets/Map.png": b"\x89PNG", "assets/map.png": b"\x89PNG"},
        r"^assets/map\.png: error: 'assets/map\.png' and 'assets/Map\.png' differ only in case",
    ),
    *hostile_course(
        "a link to a course file not in the package",
        {"modules/02-more.md": module("[the settings](../course.yml)\n")},
        AT_LINE.format(r"modules/02-more\.md", "5", "'\\.\\./course\\.yml' is not in assets/"),
    ),
    *hostile_course(
        "a logo not in the package",
        {"course.yml": yml(theme="{logo: course.yml}")},
        AT_LINE.format(r"course\.yml", "7", "theme logo: 'course\\.yml' is not in assets/"),
    ),
    *hostile_course(
        "a link and an image to hidden assets",
        {
            "assets/.env": "SECRET=1\n",
            "assets/.git/config": "[core]\n",
            "modules/02-more.md": module("[s](../assets/.env)\n\n![i](../assets/.git/config)\n"),
        },
        AT_LINE.format(r"modules/02-more\.md", "5", "'\\.\\./assets/\\.env' is hidden"),
    ),
    *hostile_course(
        "a logo that is a hidden asset",
        {"assets/.logo.png": b"\x89PNG", "course.yml": yml(theme="{logo: assets/.logo.png}")},
        AT_LINE.format(r"course\.yml", "7", "theme logo: 'assets/\\.logo\\.png' is hidden"),
    ),
    *on_disk(
        "an image through a folder symlink packaged under its first name",
        assets_twice,
        AT_LINE.format(
            r"modules/02-more\.md", "5", "'assets/again/map\\.png' is not in the package"
        ),
    ),
    *hostile_course(
        "text nested 25 deep, which markdown-it drops",
        {"modules/02-more.md": module("Text.\n\n" + "> " * 25 + "Lost words.\n")},
        AT_LINE.format(r"modules/02-more\.md", "7", "the text here is nested more than 20"),
    ),
    # --- unclear messages ---
    *on_disk(
        "a FIFO named like a module",
        fifo_as_module,
        r"^modules/03-pipe\.md: error: 'modules/03-pipe\.md' is not a regular file .*, not a "
        r"module file",
    ),
    *on_disk(
        "a folder named like a module",
        folder_as_module,
        r"^modules/03-folder\.md: error: 'modules/03-folder\.md' is a folder, not a module file",
    ),
]


# --- Markdown that would take memory or time out of proportion to its size --------------------
# Each of these took 0.7 to 1 GB (or minutes) before the parse had bounds; SMALL is what the
# command may take now, far below that.
SMALL = 300 * 1024 * 1024


def table(columns: int, rows: int) -> str:
    head = "|" + "|".join("h" for _ in range(columns)) + "|\n"
    head += "|" + "|".join("-" for _ in range(columns)) + "|\n"
    return head + ("|" + "|".join("a" for _ in range(columns)) + "|\n") * rows


def tabs(count: int) -> str:
    return "::: tabs\n" + "".join(f"::: tab T{i}\nx\n:::\n" for i in range(count)) + ":::\n\n"


SCENARIO = (
    "::: scenario case scored\nWhat now?\n::: scene start\nChoose.\n\n"
    + "".join(f"- [E{i}](#e{i})\n" for i in range(27))
    + ":::\n"
    + "".join(f"::: ending e{i}{' good' if i == 0 else ''}\nThe end.\n:::\n" for i in range(27))
    + ":::\n"
)
_LIMIT_CASES = [
    *hostile_course(
        "a table of 500 columns and 1000 rows",
        {"modules/02-more.md": module(table(500, 1000))},
        AT_LINE.format(r"modules/02-more\.md", "5", "a table of 500 columns, more than the limit"),
    ),
    *hostile_course(
        "a table of 24,040 cells",
        {"modules/02-more.md": module("Text.\n\n" + table(40, 600))},
        AT_LINE.format(
            r"modules/02-more\.md", "7", "a table of 24,040 cells \\(40 columns, 601 rows\\)"
        ),
    ),
    *hostile_course(
        "tables under the limit, 50 of them",
        {"modules/02-more.md": module("".join(table(40, 400) + "\n" for _ in range(50)))},
        AT_LINE.format(r"modules/02-more\.md", r"\d+", "the text makes more than 250,000 pieces"),
    ),
    *hostile_course(
        "a module of 160,000 emphases",
        {"modules/02-more.md": module("*a* *a* *a* *a*\n\n" * 40_000)},
        AT_LINE.format(r"modules/02-more\.md", r"\d+", "the text makes more than 250,000 pieces"),
    ),
    *hostile_course(
        "a paragraph of 600,000 brackets",
        {"modules/02-more.md": module("[a]" * 600_000 + "\n")},
        AT_LINE.format(r"modules/02-more\.md", "5", "a paragraph .* of 1,800,000 characters"),
    ),
    *hostile_course(
        "a module of 500,000 lines",
        {"modules/02-more.md": module("-\n" * 500_000)},
        AT_LINE.format(r"modules/02-more\.md", "4", "the text has 500,001 lines, more than"),
    ),
    *hostile_course(
        "30,000 tabs",
        {"modules/02-more.md": module(tabs(30_000))},
        AT_LINE.format(r"modules/02-more\.md", "5", "a 'tabs' block of 30000 items, more than"),
    ),
    *hostile_course(
        "101 interactive blocks",
        {"modules/02-more.md": module(tabs(2) * 101)},
        AT_LINE.format(r"modules/02-more\.md", str(5 + 100 * 9), "more than 100 interactive"),
    ),
    *hostile_course(
        "a scored scenario of 27 endings",
        {"modules/02-more.md": module(SCENARIO)},
        AT_LINE.format(r"modules/02-more\.md", "5", "a scored scenario of 27 endings, more than"),
    ),
    *hostile_course(
        "a course template of 3 MB",
        {"templates/module.html": PAGE.replace("{{ BODY }}", "x" * 3 * 1024 * 1024)},
        r"^templates/module\.html: error: 'templates/module\.html' is larger than 2 MB, the limit",
    ),
]


# --- documents for import: no bug line, a located error or a course that passes check ----------


def guide(html: str) -> Callable[[Path], list[str]]:
    def make(sandbox: Path) -> list[str]:
        (sandbox / "guide.html").write_text(html, encoding="utf-8")
        return ["import", "guide.html", "--language", "en", "-o", "imported"]

    return make


def nested(depth: int) -> str:
    return f"<html><body><h1>T</h1>{'<div>' * depth}x{'</div>' * depth}</body></html>\n"


NESTS = r"^guide\.html: error: the document nests its parts .* more than 50 levels deep\n  hint: "
# Under the runner's memory limit pandoc itself runs out on this one: refused at the document.
TOO_DEEP = r"^guide\.html: error: the document (nests its parts|could not be converted)"
IMPORT_CASES = [
    Case("a guide nested 300 deep", guide(nested(300)), 1, NESTS),
    Case("a guide nested 100,000 deep", guide(nested(100_000)), 1, TOO_DEEP),
    Case(
        "control characters in a guide",
        guide(
            "<html><body><h1>Title\x01</h1><p>Don\x92t \x7f stop &#1; \u202e here.</p>"
            "</body></html>\n"
        ),
        0,
        r"^next: scormbuild preview imported",
    ),
]


# --- script and remote content a learner page must not get ---------------------------------------


SCRIPT = '<script src=\\"../assets/x.js\\"></script>'
QUESTION = (
    '```quiz\nid: q\ntitle: Q\nquestions:\n  - id: a\n    type: single\n    prompt: "{prompt}"\n'
    '    hint: "{hint}"\n    feedback: {{correct: "{fb}", incorrect: No}}\n    choices:\n'
    '      - text: "{choice}"\n        correct: true\n      - B\n```\n'
)


def quiz(**texts: str) -> str:
    values = {"prompt": "P", "hint": "H", "fb": "Yes", "choice": "A", **texts}
    return module(QUESTION.format(**values))


SCRIPTS = r"scripts are not allowed in course pages"
SVG = '<svg xmlns="http://www.w3.org/2000/svg">\n<rect onload="fetch(\'//e.example\')"/>\n</svg>\n'
TRANSCRIPT = (
    "<html><head><title>T</title></head><body>\n<p>Words.</p>\n"
    '<script src="https://cdn.example.com/t.js"></script>\n</body></html>\n'
)
MEDIA = {"assets/talk.mp3": b"ID3", "assets/talk.vtt": "WEBVTT\n"}
_PAGE_CASES = [
    *hostile_course(
        "a script in a quiz prompt",
        {"modules/02-more.md": quiz(prompt="P " + SCRIPT)},
        AT_LINE.format(r"modules/02-more\.md", "11", SCRIPTS),
    ),
    *hostile_course(
        "a script in a choice",
        {"modules/02-more.md": quiz(choice="A " + SCRIPT)},
        AT_LINE.format(r"modules/02-more\.md", "15", SCRIPTS),
    ),
    *hostile_course(
        "a script in feedback",
        {"modules/02-more.md": quiz(fb="Y " + SCRIPT)},
        AT_LINE.format(r"modules/02-more\.md", "13", SCRIPTS),
    ),
    *hostile_course(
        "an event handler in a hint",
        {"modules/02-more.md": quiz(hint='<img src=\\"x.png\\" onerror=\\"alert(1)\\">')},
        AT_LINE.format(r"modules/02-more\.md", "12", "the event handler 'onerror' is not allowed"),
    ),
    *hostile_course(
        "a remote image in a choice",
        {"modules/02-more.md": quiz(choice="![x](https://t.example/p.png)")},
        AT_LINE.format(
            r"modules/02-more\.md", "15", "remote resource 'https://t\\.example/p\\.png'"
        ),
    ),
    *hostile_course(
        "a script in a quiz file",
        {
            "modules/02-more.md": QUIZ_REF,
            "quizzes/q.yml": QUESTION.format(prompt="P " + SCRIPT, hint="H", fb="Y", choice="A")
            .split("\n", 1)[1]
            .rsplit("```", 1)[0],
        },
        AT_LINE.format(r"quizzes/q\.yml", "6", SCRIPTS),
    ),
    *hostile_course(
        "a script in an objective",
        {
            "modules/02-more.md": module(
                "Text.\n", "title: M\nobjectives:\n  - 'A <script>x</script>'\n"
            )
        },
        AT_LINE.format(r"modules/02-more\.md", "4", SCRIPTS),
    ),
    *hostile_course(
        "a script in a callout",
        {"modules/02-more.md": module("::: tip\nA <script>alert(1)</script>\n:::\n")},
        AT_LINE.format(r"modules/02-more\.md", "6", SCRIPTS),
    ),
    *hostile_course(
        "a refresh to a remote site",
        {
            "modules/02-more.md": module(
                '<meta http-equiv="refresh" content="0;url=https://e.example">\n'
            )
        },
        AT_LINE.format(r"modules/02-more\.md", "5", "<meta> is not allowed in course text"),
    ),
    *hostile_course(
        "a preconnect link before a remote image",
        {
            "modules/02-more.md": module(
                '<link rel="preconnect" href="https://a.example">\n'
                '<img src="https://b.example/p.png" alt="">\n'
            )
        },
        AT_LINE.format(
            r"modules/02-more\.md", "6", "remote resource 'https://b\\.example/p\\.png'"
        ),
    ),
    *hostile_course(
        "a javascript: link",
        {"modules/02-more.md": module("[click](javascript:alert(document.cookie))\n")},
        AT_LINE.format(r"modules/02-more\.md", "5", "a 'javascript:' link is not allowed"),
    ),
    *hostile_course(
        "a file: link",
        {"modules/02-more.md": module("[the file](file:///C:/Users/me/secret.docx)\n")},
        AT_LINE.format(
            r"modules/02-more\.md", "5", "'file:///C:/Users/me/secret\\.docx' points at a file"
        ),
    ),
    *hostile_course(
        "an SVG asset with an event handler",
        {"assets/d.svg": SVG},
        AT_LINE.format(r"assets/d\.svg", "2", "the event handler 'onload' is refused"),
    ),
    *hostile_course(
        "an XHTML asset",
        {
            "assets/page.xhtml": "<html xmlns='http://www.w3.org/1999/xhtml'><script>x</script></html>"
        },
        r"^assets/page\.xhtml: error: an XHTML file can run scripts in the learner's browser",
    ),
    *strict_course(
        "an HTML transcript with a remote script",
        {
            "modules/02-more.md": module("![A talk](../assets/talk.mp3)\n"),
            "assets/talk.html": TRANSCRIPT,
            **MEDIA,
        },
        AT_LINE.format(r"assets/talk\.html", "3", SCRIPTS + ": removed"),
    ),
    *hostile_course(
        "a control character in a module",
        {"modules/02-more.md": module("Text \x01 here.\n")},
        AT_LINE.format(r"modules/02-more\.md", "5:6", "the character U\\+0001, which a page"),
    ),
    *hostile_course(
        "a C1 character of a wrong encoding",
        {"modules/02-more.md": module("Don\x92t.\n")},
        AT_LINE.format(r"modules/02-more\.md", "5:4", "the character U\\+0092, which a page"),
    ),
    *hostile_course(
        "a character reference to a control character",
        {"modules/02-more.md": module("Text <b>&#1;</b>\n")},
        AT_LINE.format(r"modules/02-more\.md", "5:9", "the character reference '&#1;' stands"),
    ),
    *hostile_course(
        "a C1 escape in a quiz prompt",
        {"modules/02-more.md": quiz(prompt="P \\u0085")},
        AT_LINE.format(
            r"modules/02-more\.md", "11", "the text holds the character U\\+0085, which a page"
        ),
    ),
    *hostile_course(
        "a script in a glossary definition",
        {
            "glossary.yml": "thing:\n  term: Thing\n  definition: 'A <script>x()</script>'\n",
            "modules/02-more.md": module("A [Thing]{.term}.\n"),
        },
        AT_LINE.format(r"glossary\.yml", "3", SCRIPTS),
    ),
    *strict_course(
        "a right-to-left override in a module",
        {"modules/02-more.md": module("Open invoice\u202efdp.exe now.\n")},
        AT_LINE.format(r"modules/02-more\.md", "5:13", "the character U\\+202E \\(RIGHT-TO-LEFT"),
    ),
    *hostile_course(
        "a course template with a remote script",
        {"templates/module.html": PAGE.replace("{{ BODY }}", '<script src="//e.example/x.js">')},
        AT_LINE.format(r"templates/module\.html", "3", "remote resource '//e\\.example/x\\.js'"),
    ),
    *hostile_course(
        "a course template that drops the policy",
        {"templates/index.html": "<!DOCTYPE html>\n<html><head><title>T</title></head>\n"},
        AT_LINE.format(
            r"templates/index\.html", "2", "a page made by the course's templates lacks"
        ),
    ),
    *hostile_course(
        "a course stylesheet with a remote font",
        {"templates/static/theme.css": "@font-face { src: url(https://f.example/f.woff2) }\n"},
        AT_LINE.format(r"templates/static/theme\.css", "1", "the stylesheet loads 'https:"),
    ),
]


# Every error the corpus expects comes with a hint, on the line after it.
HINTED = r".*\n  hint: "
SOURCE_CASES = [replace(case, says=case.says + HINTED) for case in _SOURCE_CASES]
PAGE_CASES = [replace(case, says=case.says + HINTED) for case in _PAGE_CASES]
LIMIT_CASES = [replace(case, says=case.says + HINTED, memory=SMALL) for case in _LIMIT_CASES]
