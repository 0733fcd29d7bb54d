"""A scenario: scenes whose choices lead to other scenes and, in the end, to an ending.

```
::: scenario lessons-end scored
The project ends next week.
::: scene start
What do you do first?
- [Hold a final retrospective](#retro)
- [Write the lessons into the final report](#report)
:::
::: scene retro
...
:::
::: ending report
The report is archived and nobody reads it.
:::
::: ending shared good
...
:::
:::
```

A scene's choices are its last list whose every item is one link to a scene or ending of the
scenario; without scripts they are links within the page, so the story still reads. A scored
scenario (``scored``, with an id) keeps its result as a quiz of one question whose choices
are the endings, the ``good`` ones correct: the session grades and reports it as it does any
quiz, under the interaction id ``<id>.<id>-ending``. ``attempts=N`` after ``scored`` limits
the runs that count, as a quiz's ``attempts`` does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from scormbuild.content import Block, BlockChoice, BlockItem
from scormbuild.limits import CHOICES
from scormbuild.model import Choice, Question, Quiz
from scormbuild.source.answers import MAX_COUNT
from scormbuild.source.markdown.env import SourceEnv


class Reader(Protocol):
    """What a scenario needs of the block reader (:class:`.reader.Reader`)."""

    source: SourceEnv
    state: StateCore

    def error(self, token: Token, message: str, hint: str) -> None: ...

    def render(self, tokens: Sequence[Token]) -> str: ...

    def item_name(self, kind: str, opening: Token) -> bool: ...


Items = list[tuple[Token, list[Token]]]
KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
# How many runs of a scored scenario count: 'attempts=N', the head's last word.
ATTEMPTS = "attempts="


def _choice_list(body: list[Token]) -> tuple[int, int, list[tuple[str, list[Token], Token]]]:
    """The scene's last list when every item is one link to ``#name``: its token range and,
    per item, the target, the link's inline tokens and the inline token (for its line)."""
    base = body[0].level if body else 0
    start = max(
        (i for i, t in enumerate(body) if t.type == "bullet_list_open" and t.level == base),
        default=-1,
    )
    if start < 0:
        return -1, -1, []
    end = next(
        i
        for i in range(start, len(body))
        if body[i].type == "bullet_list_close" and body[i].level == base
    )
    choices: list[tuple[str, list[Token], Token]] = []
    inlines = [t for t in body[start:end] if t.type == "inline"]
    items = [t for t in body[start:end] if t.type == "list_item_open" and t.level == base + 1]
    if len(inlines) != len(items):
        return -1, -1, []
    for inline in inlines:
        kids = [
            c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())
        ]
        href = str(kids[0].attrGet("href") or "") if kids else ""
        if len(kids) < 2 or kids[0].type != "link_open" or kids[-1].type != "link_close":
            return -1, -1, []
        if not href.startswith("#") or sum(k.type == "link_open" for k in kids) != 1:
            return -1, -1, []
        choices.append((href[1:], kids[1:-1], inline))
    return start, end + 1, choices


def read_scenario(
    reader: Reader, head: Token, intro: list[Token], items: Items, level: int
) -> Block | None:
    """The scenario block, and, when it is scored, the quiz that keeps its result."""
    words = head.meta["params"].split()
    attempts = _attempts(reader, head, words)  # takes 'attempts=N' off the words
    if attempts is None:
        return None
    scored = bool(words) and words[-1] == "scored"
    key = words[0] if words and words[0] != "scored" else ""
    if len(words) > 1 + scored or (key and not KEY_RE.match(key)):
        reader.error(
            head,
            f"'::: scenario {head.meta['params']}' is not '::: scenario ID scored attempts=N'",
            hint="the id is letters, digits and hyphens; 'scored' and 'attempts=N' are optional",
        )
        return None
    if attempts and not scored:
        _attempts_error(
            reader,
            head,
            f"'{ATTEMPTS}{attempts}' limits the runs that count, but this scenario is not scored",
            f"write '::: scenario {key or 'my-case'} scored {ATTEMPTS}{attempts}', "
            f"or leave '{ATTEMPTS}{attempts}' out",
        )
        return None
    if scored and not key:
        reader.error(
            head,
            "a scored scenario needs an id: '::: scenario my-case scored'",
            hint="the id names its result in the LMS's reports, as a quiz id does",
        )
        return None
    scenes = _items(reader, items)
    if scenes is None:
        return None
    opening = {o.meta["params"].split()[0]: o for o, _ in items}
    if not _check(reader, head, scenes, scored, opening):
        return None
    source = reader.source
    targets = {s.key for s in scenes}
    source.found.links = [
        link
        for link in source.found.links
        if not (link.target == source.path and link.anchor in targets)
    ]
    at = source.at(source.line(head))
    quiz = ""
    if scored:
        quiz = key
        endings = [s for s in scenes if s.kind == "ending"]
        choices = tuple(
            Choice(chr(ord("a") + i), f"{e.key}", e.good) for i, e in enumerate(endings)
        )
        question = Question(
            f"{key}-ending",
            "single",
            reader.render(intro).strip(),
            choices=choices,
            source=str(at),
            line=at.line,
        )
        source.found.quizzes.append(
            Quiz(
                key,
                key,
                (question,),
                attempts=attempts,
                source=source.path,
                line=at.line,
                kind="scenario",
            )
        )
    intro_html = reader.render(intro).strip()
    return Block("scenario", tuple(scenes), at, level, key=key, html=intro_html, quiz=quiz)


def _attempts(reader: Reader, head: Token, words: list[str]) -> int | None:
    """The number N of the head's last word 'attempts=N' (taken off ``words``), 0 without
    one, None (reported) when N is no whole number from 1 to MAX_COUNT."""
    if not words or not words[-1].startswith(ATTEMPTS):
        return 0
    value = words.pop()[len(ATTEMPTS) :]
    if re.fullmatch(r"[0-9]{1,4}", value) and 1 <= int(value) <= MAX_COUNT:
        return int(value)
    _attempts_error(
        reader,
        head,
        f"'{ATTEMPTS}{value}' is not a number of attempts from 1 to {MAX_COUNT}",
        f"write e.g. '{ATTEMPTS}2', or leave it out: then every run counts",
    )
    return None


def _attempts_error(reader: Reader, head: Token, message: str, hint: str) -> None:
    """An error at the column of 'attempts=' in the scenario's head line."""
    line = reader.source.line(head)
    lines = reader.state.src.split("\n")
    text = lines[head.map[0]] if head.map and head.map[0] < len(lines) else ""
    column = text.find(ATTEMPTS) + 1 or None
    reader.source.error(line, message, hint=hint, code="block", column=column)


def _items(reader: Reader, items: Items) -> list[BlockItem] | None:
    scenes: list[BlockItem] = []
    seen: set[str] = set()
    for opening, body in items:
        if not reader.item_name("scenario", opening):
            return None
        name, words = opening.meta["name"], opening.meta["params"].split()
        good = name == "ending" and words[1:] == ["good"]
        if not words or len(words) > 1 + good or not _key(words[0]):
            form = "ending NAME' or '::: ending NAME good" if name == "ending" else "scene NAME"
            reader.error(
                opening,
                f"'::: {name} {opening.meta['params']}' is not '::: {form}'",
                hint="a name is letters, digits and hyphens; choices link to it",
            )
            return None
        if words[0] in seen:
            message = f"a second scene or ending named '{words[0]}'"
            reader.error(opening, message, "give each scene and ending a name of its own")
            return None
        seen.add(words[0])
        start, end, found = _choice_list(body)
        if name == "ending" and found:
            reader.error(
                found[0][2],
                "an ending has no choices: the scenario ends there",
                hint="make it a '::: scene' if the story goes on",
            )
            return None
        choices = tuple(BlockChoice(t, reader.render(kids).strip()) for t, kids, _ in found)
        html = reader.render(body[:start] + body[end:] if found else body)
        scenes.append(BlockItem(name, "", html, key=words[0], choices=choices, good=good))
    return scenes


def _key(word: str) -> bool:
    return bool(KEY_RE.match(word))


def _check(
    reader: Reader, head: Token, scenes: list[BlockItem], scored: bool, opening: dict[str, Token]
) -> bool:
    """Every choice leads somewhere, every scene is reached and can reach an ending."""
    if not scenes or scenes[0].kind != "scene":
        reader.error(
            head,
            "a scenario starts with a '::: scene NAME'",
            hint="the first scene is where the learner starts",
        )
        return False
    names = {s.key: s for s in scenes}
    endings = [s for s in scenes if s.kind == "ending"]
    if not endings:
        message = "a scenario needs at least one '::: ending NAME'"
        reader.error(head, message, "add an ending that a choice leads to: '::: ending done'")
        return False
    if scored and len(endings) > CHOICES:
        reader.error(
            head,
            f"a scored scenario of {len(endings)} endings, more than the limit of {CHOICES}",
            hint="its endings are the choices of the question the LMS records, a to z",
        )
        return False
    if scored and sum(e.good for e in endings) != 1:
        reader.error(
            head,
            "a scored scenario has one good ending: '::: ending NAME good'",
            hint="it is reported as a choice with one correct answer",
        )
        return False
    for scene in scenes:
        if scene.kind == "scene" and not scene.choices:
            reader.error(
                opening[scene.key],
                f"scene '{scene.key}' has no choices",
                hint="end it with a list of links to what comes next: - [Choice](#name)",
            )
            return False
        for choice in scene.choices:
            if choice.target not in names:
                reader.error(
                    opening[scene.key],
                    f"scene '{scene.key}' leads to '#{choice.target}', "
                    "which is no scene or ending of this scenario",
                    hint=f"names: {', '.join(names)}",
                )
                return False
    reached = _reach(names, scenes[0].key)
    for scene in scenes:
        if scene.key not in reached:
            message = f"no choice leads to '{scene.key}'"
            hint = f"lead a choice to it ('- [What the learner does](#{scene.key})'), or delete it"
            reader.error(opening[scene.key], message, hint)
            return False
    ends = {e.key for e in endings}
    for scene in scenes:
        if not _reach(names, scene.key) & ends:
            message = f"from scene '{scene.key}' no path leads to an ending"
            hint = "give the scene a choice that leads on, in the end to an ending"
            reader.error(opening[scene.key], message, hint)
            return False
    return True


def _reach(names: dict[str, BlockItem], start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for choice in names[todo.pop()].choices:
            if choice.target not in seen:
                seen.add(choice.target)
                todo.append(choice.target)
    return seen
