"""Every ':::' line opens a known block or closes one: the rest is an error at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.commands.check import check
from tests.coursekit import write_course

HEAD = "---\ntitle: More\n---\n\n"  # the body starts on line 5
CALLOUTS = "'::: note', '::: tip', '::: warning', '::: important'"

# name -> (body, the errors check reports: "line: message")
CASES = {
    "closed": ("::: note\nA note.\n:::\n\nText.\n", []),
    "closed-at-the-end": ("Text.\n\n::: tip\nA tip.\n:::\n", []),
    "nested-with-more-colons": (":::: note\nA.\n\n::: lang sv\nB.\n:::\n::::\n", []),
    "in-a-block-quote": ("> ::: note\n> A note.\n> :::\n\nText.\n", []),
    "in-a-list": ("- item\n\n  ::: note\n  A note.\n  :::\n- next\n", []),
    "in-fenced-code": ("```\n::: info\n:::\n```\n", []),
    "in-indented-code": ("Text.\n\n    ::: info\n", []),
    "params-after-the-name": ("::: note Lue tämä\nA note.\n:::\n", []),
    "unknown": ("::: info\nText.\n:::\n", ["5: unknown block '::: info'"]),
    "unknown-in-a-paragraph": ("Text.\n::: info\nMore.\n:::\n", ["6: unknown block '::: info'"]),
    "wrong-case": ("::: Warning\nText.\n:::\n", ["5: unknown block '::: Warning'"]),
    "no-name": (
        "::: 1.\nText.\n:::\n",
        ["5: unknown callout type '::: 1.': it would show on the page as text"],
    ),
    "bad-language": ("::: lang english\nText.\n:::\n", ["5: 'english' is not a language code"]),
    "not-closed": (
        "::: warning\nCareful.\n\n## Next\n\nTaken in.\n",
        ["5: the '::: warning' opened here is never closed"],
    ),
    "not-closed-in-a-list": (
        "- item\n\n  ::: note\n  A note.\n\nAfter the list.\n",
        ["7: the '::: note' opened here is never closed"],
    ),
    "two-opened-one-closer": (
        "::: note\nA note.\n\n::: tip\nA tip.\n:::\n\nText.\n",
        ["5: '::: note' here and '::: tip' on line 8 are opened, but only one ':::' closes them"],
    ),
    "closes-nothing": (
        "::: note\nA note.\n:::\n:::\n",
        ["8: a ':::' that closes nothing: it would show on the page"],
    ),
    "shorter-closer-inside": (
        ":::: note\nA note.\n:::\n::::\n",
        ["7: a ':::' that closes nothing: it would show on the page"],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_colon_line_is_accounted_for(tmp_path: Path, name: str) -> None:
    body, expected = CASES[name]
    report = check(write_course(tmp_path, {"modules/02-more.md": HEAD + body}))
    assert [f"{p.location.line}: {p.message}" for p in report.errors] == expected


@pytest.mark.parametrize(
    ("body", "hint"),
    [
        (
            "::: info\nText.\n:::\n",
            "callouts: note, tip, warning, important; blocks: accordion, tabs, cards, steps, "
            "graphic, scenario, reflection",
        ),
        ("::: 2\nText.\n:::\n", f"the callouts are {CALLOUTS}"),
        ("::: warnign\nText.\n:::\n", "did you mean 'warning'?"),
        ("::: note\nA.\n:::\n:::\n", f"remove it, or open a block above it with {CALLOUTS}"),
        (
            "::: tip\nA tip.\n\nText.\n",
            "end it with a line ':::'; as it is, it takes in everything down to the end of the "
            "module",
        ),
        (
            "- item\n\n  ::: note\n  A note.\n\nAfter.\n",
            "end it with a line ':::'; as it is, it takes in everything down to line 9",
        ),
    ],
)
def test_the_hint_says_what_to_write(tmp_path: Path, body: str, hint: str) -> None:
    (problem,) = check(write_course(tmp_path, {"modules/02-more.md": HEAD + body})).errors
    assert problem.hint == hint
