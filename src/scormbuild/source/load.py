"""Load a course folder into typed models, one :class:`Course` per language.

Everything is read and validated here; later stages never touch the course folder again
(media files are streamed into the zip from the paths recorded in :class:`Asset`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scormbuild.errors import Problem, error, raise_if_errors
from scormbuild.model import Course, CourseConfig
from scormbuild.source.assets import scan_assets
from scormbuild.source.config import CONFIG_FILE, for_language, load_config
from scormbuild.source.crossref import check_references
from scormbuild.source.markdown import labels_for
from scormbuild.source.memo import ModuleMemo
from scormbuild.source.parallel import Job, read_all
from scormbuild.source.parity import check_parity
from scormbuild.source.paths import CourseFiles, PathProblem

LANG_SUFFIX_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")
MODULE_NAME_RE = re.compile(r"^[0-9]{2,3}-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")


@dataclass(frozen=True)
class LoadedCourse:
    """A loaded course: its config and one Course per language."""

    config: CourseConfig
    courses: tuple[Course, ...]


def _module_files(root: Path, config: CourseConfig) -> tuple[list[str], list[Problem]]:
    mdir = root / "modules"
    others = set(config.languages[1:])
    problems: list[Problem] = []
    if config.modules is not None:
        for name in config.modules:
            if not (mdir / name).is_file():
                problems.append(
                    error(
                        CONFIG_FILE,
                        config.line_of("modules"),
                        f"module 'modules/{name}' listed in 'modules' is missing",
                        key="modules",
                    )
                )
        return list(config.modules), problems
    if not mdir.is_dir():
        return [], [error(CONFIG_FILE, None, "no modules/ folder", hint="add modules/01-intro.md")]
    names: list[str] = []
    for path in sorted(mdir.glob("*.md")):
        lang = path.suffixes[-2].lstrip(".") if len(path.suffixes) >= 2 else ""
        if lang in others:
            continue
        if LANG_SUFFIX_RE.match(lang):
            problems.append(
                error(
                    f"modules/{path.name}",
                    None,
                    f"a '{lang}' variant, but course.yml does not list '{lang}' in languages",
                    hint=f"add it: languages: [{', '.join([*config.languages, lang])}]",
                )
            )
            continue
        names.append(path.name)
    if not names:
        return [], [error("modules", None, "no modules: add modules/01-intro.md")]
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
    names, problems = _module_files(root, config)
    assets, asset_problems = scan_assets(files)
    problems += asset_problems
    overrides = dict(config.strings)
    jobs: list[Job] = []
    for index, lang in enumerate(config.languages):
        items: list[tuple[Path, str]] = []
        for name in names:
            stem = name[:-3]
            path = Path("modules") / (f"{stem}.{lang}.md" if index else name)
            if not files.is_file(path.as_posix()):
                problems.append(
                    error(
                        path.as_posix(),
                        None,
                        f"missing {lang} variant of module '{name}'",
                        code="missing",
                    )
                )
                continue
            items.append((path, stem))
        labels = tuple(sorted(labels_for(lang, overrides).items()))
        jobs.append(Job(lang, lang if index else "", labels, tuple(items)))
    courses: list[Course] = []
    for job, (read, read_problems) in zip(jobs, read_all(jobs, files, memo), strict=True):
        modules = tuple(m for m in read if m is not None)
        problems += read_problems
        problems += check_references(modules, {n[:-3] for n in names})
        lang = job.language
        courses.append(Course(for_language(config, lang), lang, modules, assets, root))
    problems += _logo_problems(config, files)
    if len(courses) > 1:
        problems += check_parity(courses)
    if any(p.level == "error" for p in problems):
        return None, problems
    return LoadedCourse(config, tuple(courses)), problems


def _logo_problems(config: CourseConfig, files: CourseFiles) -> list[Problem]:
    logo = config.theme.logo
    if not logo:
        return []
    line, key = config.line_of("theme.logo"), "theme.logo"
    try:
        path = files.resolve(logo, "")
    except PathProblem as exc:
        return [error(CONFIG_FILE, line, f"theme logo: {exc}", key=key)]
    if files.is_file(path):
        return []
    return [error(CONFIG_FILE, line, f"theme logo '{logo}' is missing", key=key)]
