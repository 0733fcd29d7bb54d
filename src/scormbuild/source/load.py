"""Load a course folder into typed models, one :class:`Course` per language.

Everything is read and validated here; later stages never touch the course folder again
(media files are streamed into the zip from the paths recorded in :class:`Asset`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from scormbuild.content import Term
from scormbuild.courseconfig import CourseConfig
from scormbuild.errors import Problem, SourceLocation, error, raise_if_errors
from scormbuild.limits import MODULES
from scormbuild.model import Course
from scormbuild.options import MODULE_NAME_RE
from scormbuild.source.assets import scan_assets, shipped_assets, unpackaged_uses
from scormbuild.source.config import CONFIG_FILE, for_language, load_config
from scormbuild.source.crossref import check_references
from scormbuild.source.glossary import GLOSSARY, glossary_parity, read_glossary, term_index
from scormbuild.source.markdown import labels_for, make_markdown
from scormbuild.source.markdown.interactive.parity import check_block_parity
from scormbuild.source.memo import ModuleMemo
from scormbuild.source.parallel import Job, read_all
from scormbuild.source.parity import check_parity
from scormbuild.source.paths import (
    WHAT,
    CourseFiles,
    PathProblem,
    closest_file,
    require_file,
)
from scormbuild.source.templates import scan_templates

LANG_SUFFIX_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")


@dataclass(frozen=True)
class LoadedCourse:
    """A loaded course: its config and one Course per language."""

    config: CourseConfig
    courses: tuple[Course, ...]


def _listed(config: CourseConfig, files: CourseFiles) -> tuple[list[str], list[Problem]]:
    """The modules course.yml lists (their names already follow the module name rule)."""
    problems: list[Problem] = []
    names: list[str] = []
    line = config.line_of("modules")
    for name in config.modules or ():
        try:
            kind = files.kind(f"modules/{name}")
        except PathProblem as exc:
            problems.append(error(f"modules/{name}", None, exc.message, hint=exc.hint))
            continue
        if kind == "missing":
            message = f"module 'modules/{name}' listed in 'modules' is missing"
            near = closest_file(files, f"modules/{name}", "modules")
            hint = f"did you mean '{near.removeprefix('modules/')}'?" if near else None
            problems.append(
                error(CONFIG_FILE, line, message, key="modules", hint=hint, code="missing")
            )
        elif kind != "file":
            problems.append(_not_a_module(f"modules/{name}", kind))
        else:
            names.append(name)
    return names, problems


def _not_a_module(rel: str, kind: str) -> Problem:
    return error(
        rel,
        None,
        f"'{rel}' is {WHAT[kind]}, not a module file",
        hint="a module is a Markdown file; rename or remove this one",
        code="not-a-file",
    )


def _module_files(files: CourseFiles, config: CourseConfig) -> tuple[list[str], list[Problem]]:
    if config.modules is not None:
        return _listed(config, files)
    others = set(config.languages[1:])
    try:
        folder = files.kind("modules")
    except PathProblem as exc:
        return [], [error("modules", None, exc.message, hint=exc.hint, code=exc.code)]
    if folder != "folder":
        return [], [error(CONFIG_FILE, None, "no modules/ folder", hint="add modules/01-intro.md")]
    problems: list[Problem] = []
    names: list[str] = []
    with os.scandir(files.real("modules")) as entries:
        found = sorted(e.name for e in entries if e.name.endswith(".md"))
    for name in found:
        parts = name.split(".")
        lang = parts[-2] if len(parts) >= 3 else ""
        if lang in others:
            continue
        if LANG_SUFFIX_RE.match(lang):
            problems.append(
                error(
                    f"modules/{name}",
                    None,
                    f"a '{lang}' variant, but course.yml does not list '{lang}' in languages",
                    hint=f"add it: languages: [{', '.join([*config.languages, lang])}]",
                )
            )
            continue
        try:
            kind = files.kind(f"modules/{name}")
        except PathProblem as exc:
            problems.append(error(f"modules/{name}", None, exc.message, hint=exc.hint))
            continue
        if kind != "file":
            problems.append(_not_a_module(f"modules/{name}", kind))
            continue
        names.append(name)
    if not names:
        hint = "a module is a Markdown file in modules/ named NN-name.md (docs/format.md)"
        message = "no modules: add modules/01-intro.md"
        return [], [*problems, error("modules", None, message, hint=hint)]
    if len(names) > MODULES:
        message = f"{len(names)} modules, more than the limit of {MODULES}"
        hint = "split the course into several courses, or join short modules"
        return [], [*problems, error("modules", None, message, hint=hint, code="limit")]
    problems += [
        error(
            f"modules/{n}",
            None,
            f"module file name '{n}' is not 'NN-slug.md'",
            hint="e.g. 01-intro.md",
        )
        for n in names
        if not MODULE_NAME_RE.match(n)
    ]
    return names, problems


def load_course(course_dir: Path, memo: ModuleMemo | None = None) -> LoadedCourse:
    """Read and validate ``course_dir``; raise :class:`CourseError` listing every error."""
    loaded, problems = read_course(course_dir, memo)
    raise_if_errors(problems)
    assert loaded is not None
    return loaded


def read_course(
    course_dir: Path, memo: ModuleMemo | None = None
) -> tuple[LoadedCourse | None, list[Problem]]:
    """Read and validate ``course_dir``: the course (None when it has errors) and every problem.

    With a ``memo``, modules read by an earlier load are reused when nothing they depend on
    has changed (:mod:`scormbuild.source.memo`): for the preview's rebuilds.
    """
    root = course_dir.resolve()
    config, problems = load_config(root)
    if config is None:
        return None, problems
    files = CourseFiles(root)  # one per load: it sees the folder as it is now
    names, module_problems = _module_files(files, config)
    problems += module_problems
    assets, asset_problems = scan_assets(files)
    problems += asset_problems
    by_templates, templates, template_problems = scan_templates(files, {a.path for a in assets})
    overrides = dict(config.strings)
    jobs: list[Job] = []
    glossaries: list[tuple[Term, ...]] = []
    try:
        has_glossary = files.kind(GLOSSARY) != "missing"
    except PathProblem:
        has_glossary = True  # read_glossary reports why it cannot be read
    md = make_markdown() if has_glossary else None
    for index, lang in enumerate(config.languages):
        items: list[tuple[Path, str]] = []
        for name in names:
            stem = name[:-3]
            path = Path("modules") / (f"{stem}.{lang}.md" if index else name)
            problem = _variant_problem(files, path.as_posix(), lang, name) if index else None
            if problem is not None:
                problems.append(problem)
                continue
            items.append((path, stem))
        labels = tuple(sorted(labels_for(lang, overrides).items()))
        terms: tuple[Term, ...] = ()
        if md is not None:
            terms, glossary_problems = read_glossary(
                files, lang if index else "", md, dict(labels), required=True
            )
            problems += glossary_problems
        glossaries.append(terms)
        words = tuple(sorted(term_index(terms).items()))
        jobs.append(Job(lang, lang if index else "", labels, tuple(items), words))
    courses: list[Course] = []
    named: list[tuple[str, SourceLocation]] = []  # files named outside the modules: the logo
    for job, (read, read_problems) in zip(jobs, read_all(jobs, files, memo), strict=True):
        # A module with errors is left out of the course, its links are still checked.
        problems += read_problems
        problems += check_references([m for m in read if m], {n[:-3] for n in names})
        modules = tuple(m for m in read if m is not None and m.complete)
        lang = job.language
        glossary = glossaries[len(courses)]
        course = Course(
            for_language(config, lang), lang, modules, assets, root, glossary,
            by_templates.named, by_templates.matched, templates,
        )  # fmt: skip
        courses.append(replace(course, assets=shipped_assets(course, config.languages)))
    logo_problems = _logo_problems(config, files)
    problems += logo_problems
    if config.theme.logo and not logo_problems:
        at = SourceLocation(CONFIG_FILE, config.line_of("theme.logo"), key="theme.logo")
        named.append((config.theme.logo, at))
    problems += unpackaged_uses(courses, assets, named, {p.location.path for p in asset_problems})
    problems += template_problems
    if len(courses) > 1:
        problems += check_parity(courses)
        problems += glossary_parity(glossaries, config.languages)
        problems += check_block_parity(courses)
    if any(p.level == "error" for p in problems):
        return None, problems
    return LoadedCourse(config, tuple(courses)), problems


def _variant_problem(files: CourseFiles, rel: str, lang: str, name: str) -> Problem | None:
    """Why the ``lang`` variant ``rel`` of module ``name`` cannot be read, if it cannot."""
    try:
        kind = files.kind(rel)
    except PathProblem as exc:
        return error(rel, None, exc.message, hint=exc.hint, code=exc.code)
    if kind == "missing":
        message = f"missing {lang} variant of module '{name}'"
        hint = f"write {rel}, the module in {lang}, or take {lang} out of 'languages'"
        return error(rel, None, message, hint=hint, code="missing")
    return None if kind == "file" else _not_a_module(rel, kind)


def _logo_problems(config: CourseConfig, files: CourseFiles) -> list[Problem]:
    """The theme's images (the logo, the cover's hero image) are files under assets/."""
    problems = []
    for name, what, path in (("logo", "logo", config.theme.logo), ("hero", "cover image",
                             config.theme.hero)):  # fmt: skip
        if not path:
            continue
        line, key = config.line_of(f"theme.{name}"), f"theme.{name}"
        try:
            require_file(files, path, "", under="assets")
        except PathProblem as exc:
            if exc.code == "missing":
                exc.message = f"theme {what} '{path}' is missing"
            else:
                exc.message = f"theme {what}: {exc.message}"
            problems.append(
                error(CONFIG_FILE, line, exc.message, key=key, hint=exc.hint, code=exc.code)
            )
    return problems
