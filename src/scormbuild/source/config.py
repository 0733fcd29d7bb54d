"""course.yml: every option declared once, with its type, default and meaning.

:func:`load_config` reads and validates the file and reports every problem in one go,
each with the line of the offending key.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scormbuild.errors import Problem, error
from scormbuild.model import CourseConfig, Localized, Theme
from scormbuild.source.markdown import DEFAULT_LABELS
from scormbuild.source.text import decode
from scormbuild.source.yamlsrc import LineDict, YamlSyntaxError, load_yaml
from scormbuild.strings import known_keys

CONFIG_FILE = "course.yml"
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")

Check = Callable[[Any], str | None]  # returns an error message, or None when the value is fine


def _str(v: Any) -> str | None:
    return None if isinstance(v, str) and v.strip() else "must be a non-empty text"


def _text_or_langs(v: Any) -> str | None:
    if isinstance(v, str):
        return None
    if isinstance(v, dict) and all(isinstance(x, str) for x in v.values()):
        return None
    return "must be a text, or a mapping from language code to text"


def _slug(v: Any) -> str | None:
    if isinstance(v, str) and SLUG_RE.match(v):
        return None
    return "must be a slug: lowercase letters, digits and single hyphens, e.g. 'my-course'"


def _version(v: Any) -> str | None:
    if isinstance(v, str | int | float) and not isinstance(v, bool) and str(v).strip():
        return None
    return "must be a version text such as '1.0.0'"


def _lang(v: Any) -> str | None:
    if isinstance(v, str) and LANG_RE.match(v):
        return None
    return "must be a BCP 47 language code such as 'fi', 'sv' or 'en-GB'"


def _langs(v: Any) -> str | None:
    if isinstance(v, list) and v and all(_lang(x) is None for x in v) and len(set(v)) == len(v):
        return None
    return "must be a list of distinct language codes, e.g. [fi, sv]"


def _keywords(v: Any) -> str | None:
    if isinstance(v, dict):
        return None if all(_keywords(x) is None for x in v.values()) else "bad keywords"
    if isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v):
        return None
    return "must be a list of texts (or a mapping from language code to such lists)"


def _score(v: Any) -> str | None:
    if isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 100:
        return None
    return "must be a whole number from 0 to 100"


def _completion(v: Any) -> str | None:
    items = [v] if isinstance(v, str) else v
    if isinstance(items, list) and items and all(x in ("viewed", "passed") for x in items):
        return None
    return "must be 'viewed', 'passed', or a list of both"


def _modules(v: Any) -> str | None:
    if isinstance(v, list) and v and all(isinstance(x, str) and x.endswith(".md") for x in v):
        return None
    return "must be a list of module file names such as '01-intro.md'"


def _path(v: Any) -> str | None:
    return None if isinstance(v, str) and v.strip() else "must be a path"


def _sco_mode(v: Any) -> str | None:
    return None if v in ("single", "multi") else "must be 'single' or 'multi'"


def _positive(v: Any) -> str | None:
    ok = isinstance(v, int | float) and not isinstance(v, bool) and v > 0
    return None if ok else "must be a positive number"


def _strings(v: Any) -> str | None:
    if isinstance(v, dict) and all(isinstance(x, str) for x in v.values()):
        return None
    return "must be a mapping from string key to text"


def _color(v: Any) -> str | None:
    return None if isinstance(v, str) and COLOR_RE.match(v) else "must be a colour like '#00578a'"


@dataclass(frozen=True)
class Option:
    """One course.yml key: its check, whether it is required, and what it means."""

    check: Check
    required: bool = False
    doc: str = ""


OPTIONS: dict[str, Option] = {
    "id": Option(_slug, True, "Course identifier: a slug, used in package names and ids."),
    "title": Option(_text_or_langs, True, "Course title (or one per language)."),
    "version": Option(_version, True, "Course version, e.g. 1.0.0."),
    "language": Option(_lang, True, "Primary language (BCP 47)."),
    "languages": Option(_langs, False, "Every language built, primary first."),
    "description": Option(_text_or_langs, False, "Short description for the LMS."),
    "organization": Option(_str, False, "The organisation that publishes the course."),
    "author": Option(_str, False, "Author or team."),
    "keywords": Option(_keywords, False, "Keywords for the LMS catalogue."),
    "mastery_score": Option(_score, False, "Passing score 0-100 (adlcp:masteryscore)."),
    "completion": Option(_completion, False, "When the course is complete: viewed, passed."),
    "modules": Option(_modules, False, "Explicit module order (file names)."),
    "theme": Option(lambda v: None if isinstance(v, dict) else "must be a mapping"),
    "schemas": Option(_path, False, "Directory of the ADL control documents to include."),
    "sco_mode": Option(_sco_mode, False, "single: one SCO; multi: one SCO per module."),
    "size_budget_mb": Option(_positive, False, "Warn when the package is larger (MB)."),
    "strings": Option(_strings, False, "Overrides of learner interface strings."),
}
THEME_OPTIONS: dict[str, Option] = {
    "brand_color": Option(_color, False, "Brand colour (hex)."),
    "logo": Option(_path, False, "Logo image under assets/."),
    "logo_alt": Option(_str, False, "Alternative text of the logo."),
}


def suggest(key: str, known: list[str] | dict[str, Any]) -> str | None:
    """A 'did you mean' hint for an unknown key."""
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def _check_mapping(
    data: LineDict, options: dict[str, Option], path: str, prefix: str
) -> list[Problem]:
    problems: list[Problem] = []
    for key, value in data.items():
        full = f"{prefix}{key}"
        option = options.get(key)
        if option is None:
            hint = suggest(key, options) or "known keys: " + ", ".join(sorted(options))
            problems.append(
                error(path, data.line_of(key), f"unknown key '{full}'", key=full, hint=hint)
            )
            continue
        message = option.check(value)
        if message:
            problems.append(error(path, data.line_of(key), f"'{full}' {message}", key=full))
    for key, option in options.items():
        if option.required and key not in data:
            problems.append(
                error(path, data.line, f"missing required key '{prefix}{key}'", key=prefix + key)
            )
    return problems


def _unknown_strings(strings: LineDict) -> list[Problem]:
    """``strings:`` keys that name no learner interface string or Markdown label."""
    known = sorted(known_keys() | set(DEFAULT_LABELS["en"]))
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


def _pick(value: Any, lang: str, primary: str) -> Any:
    if isinstance(value, dict):
        return value.get(lang, value.get(primary, next(iter(value.values()), "")))
    return value


def load_config(course_dir: Path) -> tuple[CourseConfig | None, list[Problem]]:
    """Read ``course_dir/course.yml``; return the config (None if unusable) and all problems."""
    file = course_dir / CONFIG_FILE
    if not file.is_file():
        hint = "run 'scormbuild new DIR' to start a course, or pass the course folder"
        return None, [error(str(file), None, f"no {CONFIG_FILE} in {course_dir}", hint=hint)]
    text, problems = decode(file.read_bytes(), CONFIG_FILE)
    if text is None:
        return None, problems
    try:
        data = load_yaml(text)
    except YamlSyntaxError as exc:
        return None, [error(CONFIG_FILE, exc.line, exc.message, column=exc.column)]
    if not isinstance(data, LineDict):
        return None, [error(CONFIG_FILE, 1, "course.yml must be a mapping of keys to values")]
    problems = _check_mapping(data, OPTIONS, CONFIG_FILE, "")
    theme = data.get("theme")
    if isinstance(theme, LineDict):
        problems += _check_mapping(theme, THEME_OPTIONS, CONFIG_FILE, "theme.")
    strings = data.get("strings")
    if isinstance(strings, LineDict):
        problems += _unknown_strings(strings)
    if problems:
        return None, problems
    language = data["language"]
    languages = tuple(data.get("languages") or [language])
    if languages[0] != language:
        line = data.line_of("languages")
        msg = f"'languages' must start with the primary language '{language}'"
        return None, [error(CONFIG_FILE, line, msg, key="languages")]
    completion = data.get("completion", ["viewed"])
    if isinstance(completion, str):
        completion = [completion]
    if "passed" in completion and "mastery_score" not in data:
        line = data.line_of("completion")
        msg = "completion 'passed' needs a 'mastery_score'"
        return None, [error(CONFIG_FILE, line, msg, key="completion", hint="add mastery_score: 80")]
    theme_data = theme if isinstance(theme, dict) else {}
    schemas = data.get("schemas")
    config = CourseConfig(
        id=data["id"],
        title=_pick(data["title"], language, language),
        version=str(data["version"]),
        language=language,
        languages=languages,
        description=_pick(data.get("description", ""), language, language),
        organization=data.get("organization", ""),
        author=data.get("author", ""),
        keywords=tuple(_pick(data.get("keywords", []), language, language)),
        mastery_score=data.get("mastery_score"),
        completion=tuple(sorted(set(completion), key=["viewed", "passed"].index)),
        modules=tuple(data["modules"]) if "modules" in data else None,
        theme=Theme(**{k: theme_data[k] for k in THEME_OPTIONS if k in theme_data}),
        schemas=(course_dir / schemas).resolve() if schemas else None,
        sco_mode=data.get("sco_mode", "single"),
        size_budget_mb=float(data.get("size_budget_mb", 100)),
        strings=tuple(sorted((data.get("strings") or {}).items())),
        localized=tuple(
            Localized(
                lang,
                _pick(data["title"], lang, language),
                _pick(data.get("description", ""), lang, language),
                tuple(_pick(data.get("keywords", []), lang, language)),
            )
            for lang in languages
        ),
    )
    return config, []


def for_language(config: CourseConfig, lang: str) -> CourseConfig:
    """The config as seen by the ``lang`` package: title, description, keywords in ``lang``."""
    for loc in config.localized:
        if loc.language == lang:
            return replace(
                config,
                language=lang,
                title=loc.title,
                description=loc.description,
                keywords=loc.keywords,
            )
    return replace(config, language=lang)


__all__ = ["CONFIG_FILE", "OPTIONS", "for_language", "load_config", "suggest"]
