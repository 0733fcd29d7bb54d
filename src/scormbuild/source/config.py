"""course.yml read into :class:`~scormbuild.courseconfig.CourseConfig`.

Every key is declared once, on the model (:mod:`scormbuild.options` gives the option types);
here each key of the file is checked and converted by its declaration, then the rules that
tie keys together are applied. Every problem is reported in one go, each with the line of
the offending key, and the config keeps those lines for later problems.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from scormbuild.courseconfig import CourseConfig, Localized
from scormbuild.errors import Problem, error
from scormbuild.limits import COURSE_YML_BYTES
from scormbuild.options import (
    Context,
    Declared,
    OptionError,
    PerLanguage,
    Section,
    closest,
    declared,
    suggest,
)
from scormbuild.source.keys import check_keys, mapping_hint, not_a_mapping
from scormbuild.source.modules import FRONT_MATTER_KEYS
from scormbuild.source.paths import CourseFiles, PathProblem
from scormbuild.source.text import decode
from scormbuild.source.yamlbidi import YamlWarning
from scormbuild.source.yamlsrc import LineDict, YamlSyntaxError, load_yaml
from scormbuild.source.yamlwords import text_words
from scormbuild.strings import known_keys

CONFIG_FILE = "course.yml"


def _elsewhere(key: str, options: Mapping[str, Declared], outer: Mapping[str, Declared]) -> str:
    """Where an unknown key that is no typo here belongs: a section, or the top level."""
    if key in outer:
        return f"'{key}' belongs at the top level: remove its indentation"
    for name, decl in options.items():
        if isinstance(decl.option, Section):
            inner = declared(decl.option.kind)
            close = [key] if key in inner else closest(key, inner)
            if close:
                return f"it belongs under '{name}:', indented: '{name}:' then '  {close[0]}: ...'"
    return ""


def _read(
    data: LineDict,
    kind: type[Any],
    prefix: str,
    context: Context,
    outer: Mapping[str, Declared] | None = None,
) -> tuple[dict[str, Any], list[Problem], dict[str, int]]:
    """The converted values of the keys ``kind`` declares, the problems, each key's line.

    ``outer`` is what the enclosing mapping declares, for a section's keys.
    """
    options = declared(kind)
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    lines: dict[str, int] = {}
    required = [key for key, decl in options.items() if decl.required]
    data, unknown = check_keys(data, options, required)
    for bad in unknown:
        full = f"{prefix}{bad.key}"
        hint = bad.hint
        if not prefix and bad.meant is None and bad.key in FRONT_MATTER_KEYS:
            # A module key is no typo of a course key, however close it looks.
            hint = (
                f"'{bad.key}' is set per module: put it in the front matter of each module "
                "file, between the '---' lines at its top"
            )
        elif bad.meant is None and suggest(bad.key, options) is None:
            hint = _elsewhere(bad.key, options, outer or {}) or hint
        problems.append(error(CONFIG_FILE, bad.line, f"unknown key '{full}'", key=full, hint=hint))
    for key, value in data.items():
        full = f"{prefix}{key}"
        line = data.line_of(key)
        lines[full] = line
        decl = options.get(key)
        if decl is None:
            continue
        if isinstance(decl.option, Section):
            if not isinstance(value, LineDict):
                message = f"'{full}' must be a mapping of keys to values{not_a_mapping(value)}"
                problems.append(
                    error(CONFIG_FILE, line, message, key=full, hint=mapping_hint(value))
                )
                continue
            sub, sub_problems, sub_lines = _read(
                value, decl.option.kind, f"{full}.", context, options
            )
            problems += sub_problems
            lines.update(sub_lines)
            values[key] = decl.option.kind(**sub)
            continue
        try:
            values[key] = decl.option.convert(value, context)
        except OptionError as exc:
            hint = exc.hint or f"{decl.doc} See '{full}' in docs/format.md."
            problems.append(error(CONFIG_FILE, line, f"'{full}' {exc}", key=full, hint=hint))
    for key in required:
        if key not in data:
            message = f"missing required key '{prefix}{key}'"
            hint = f"add a line '{key}: ...'"
            problems.append(error(CONFIG_FILE, data.line, message, key=prefix + key, hint=hint))
    return values, problems, lines


def _unknown_strings(strings: LineDict) -> list[Problem]:
    """``strings:`` keys that name no string of the catalogs."""
    known = sorted(known_keys())
    return [
        error(
            CONFIG_FILE,
            strings.line_of(key),
            f"unknown string '{key}' in strings",
            hint=suggest(key, known) or f"known strings: {', '.join(known)}",
            key=f"strings.{key}",
        )
        for key in sorted(strings)
        if key not in known
    ]


def _per_language() -> dict[str, PerLanguage[Any]]:
    """The keys that may be given per language: title, description, keywords."""
    return {
        key: decl.option
        for key, decl in declared(CourseConfig).items()
        if isinstance(decl.option, PerLanguage)
    }


def _localized(data: LineDict, languages: tuple[str, ...], context: Context) -> list[Localized]:
    """The per-language keys' values in each language."""
    defaults = declared(CourseConfig)
    out = []
    for lang in languages:
        values = {
            key: defaults[key].default
            if data.get(key) is None
            else option.pick(data[key], lang, languages[0], context)
            for key, option in _per_language().items()
        }
        out.append(Localized(lang, **values))
    return out


def _rules(config: CourseConfig) -> list[Problem]:
    """The rules that tie keys together."""
    if config.languages[0] != config.language:
        msg = f"'languages' must start with the primary language '{config.language}'"
        hint = f"list '{config.language}' first, or make the first one the 'language'"
        line = config.line_of("languages")
        return [error(CONFIG_FILE, line, msg, key="languages", hint=hint)]
    if "passed" in config.completion and config.mastery_score is None:
        msg = "completion 'passed' needs a 'mastery_score'"
        line = config.line_of("completion")
        return [error(CONFIG_FILE, line, msg, key="completion", hint="add mastery_score: 80")]
    return []


def load_config(course_dir: Path) -> tuple[CourseConfig | None, list[Problem]]:
    """Read ``course_dir/course.yml``; return the config (None if unusable) and all problems."""
    file = course_dir / CONFIG_FILE
    if not os.path.lexists(file):
        hint = "run 'scormbuild new DIR' to start a course, or pass the course folder"
        return None, [error(str(file), None, f"no {CONFIG_FILE} in {course_dir}", hint=hint)]
    try:
        raw = CourseFiles(course_dir).read_bytes(CONFIG_FILE, COURSE_YML_BYTES)
    except PathProblem as exc:
        return None, [error(CONFIG_FILE, None, exc.message, hint=exc.hint, code=exc.code)]
    text, problems = decode(raw, CONFIG_FILE)
    if text is None:
        return None, problems
    notes: list[YamlWarning] = []
    try:
        data = load_yaml(text, warnings=notes)
    except YamlSyntaxError as exc:
        return None, [exc.problem(CONFIG_FILE)]
    warnings = [note.problem(CONFIG_FILE) for note in notes]
    if not isinstance(data, LineDict):
        message = f"course.yml must be a mapping of keys to values{not_a_mapping(data)}"
        return None, [error(CONFIG_FILE, 1, message, hint=mapping_hint(data))]
    context = Context(course_dir)
    words = [error(CONFIG_FILE, w.line, w.message, hint=w.hint) for w in text_words(data)]
    values, problems, lines = _read(data, CourseConfig, "", context)
    problems = words + problems
    strings = data.get("strings")
    if isinstance(strings, LineDict):
        problems += _unknown_strings(strings)
    if problems:
        return None, problems + warnings
    languages = values.get("languages") or (values["language"],)
    localized = _localized(data, languages, context)
    # The per-language keys hold the primary language's value; for_language() the others'.
    primary = {key: getattr(localized[0], key) for key in _per_language()}
    config = CourseConfig(
        **{**values, **primary, "languages": languages},
        localized=tuple(localized),
        lines=tuple(sorted(lines.items())),
    )
    problems = _rules(config)
    return (None if problems else config), problems + warnings


def for_language(config: CourseConfig, lang: str) -> CourseConfig:
    """The config as seen by the ``lang`` package: title, description, keywords in ``lang``."""
    for loc in config.localized:
        if loc.language == lang:
            own = {key: getattr(loc, key) for key in _per_language()}
            return replace(config, language=lang, **own)
    return replace(config, language=lang)


__all__ = ["CONFIG_FILE", "for_language", "load_config"]
