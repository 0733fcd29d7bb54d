"""Load a course folder into typed models, one :class:`Course` per language.

Everything is read and validated here; later stages never touch the course folder again
(media files are streamed into the zip from the paths recorded in :class:`Asset`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from scormbuild.errors import Problem, error, raise_if_errors
from scormbuild.model import Course, CourseConfig
from scormbuild.source.assets import scan_assets
from scormbuild.source.config import CONFIG_FILE, for_language, load_config
from scormbuild.source.markdown import labels_for
from scormbuild.source.memo import ModuleMemo
from scormbuild.source.modules import ModuleSource
from scormbuild.source.parallel import Job, read_all
from scormbuild.source.parity import check_parity
from scormbuild.source.paths import forget_folders

LANG_SUFFIX_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")
MODULE_NAME_RE = re.compile(r"^[0-9]{2,3}-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")


@dataclass(frozen=True)
class LoadedCourse:
    """A loaded course: its config, one Course per language, and what checks need to know."""

    config: CourseConfig
    courses: tuple[Course, ...]
    sources: dict[str, list[ModuleSource]] = field(default_factory=dict)


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
    forget_folders()
    config, problems = load_config(root)
    if config is None:
        return None, problems
    names, problems = _module_files(root, config)
    assets, asset_problems = scan_assets(root)
    problems += asset_problems
    courses: list[Course] = []
    sources: dict[str, list[ModuleSource]] = {}
    overrides = dict(config.strings)
    jobs: list[Job] = []
    for index, lang in enumerate(config.languages):
        items: list[tuple[Path, str]] = []
        for name in names:
            stem = name[:-3]
            path = root / "modules" / (f"{stem}.{lang}.md" if index else name)
            if not path.is_file():
                rel = path.relative_to(root).as_posix()
                problems.append(
                    error(rel, None, f"missing {lang} variant of module '{name}'", code="missing")
                )
                continue
            items.append((path, stem))
        labels = tuple(sorted(labels_for(lang, overrides).items()))
        jobs.append(Job(root, lang, lang if index else "", labels, tuple(items)))
    for job, (read, read_problems) in zip(jobs, read_all(jobs, memo), strict=True):
        lang = job.language
        loaded = [src for src in read if src is not None]
        problems += read_problems
        sources[lang] = loaded
        problems += _cross_checks(loaded, config, root, {n[:-3] for n in names})
        courses.append(
            Course(
                config=for_language(config, lang),
                language=lang,
                modules=tuple(s.module for s in loaded),
                assets=assets,
                root=root,
            )
        )
    if len(courses) > 1:
        problems += check_parity(sources, config.languages)
    if any(p.level == "error" for p in problems):
        return None, problems
    return LoadedCourse(config, tuple(courses), sources), problems


def _cross_checks(
    loaded: list[ModuleSource], config: CourseConfig, root: Path, slugs: set[str]
) -> list[Problem]:
    """Duplicate ids and broken links across modules.

    ``slugs`` names every module of the course, loaded or not: a link to a module that failed
    to load is not reported again (that module's own errors say what is wrong).
    """
    problems: list[Problem] = []
    quiz_ids: dict[str, str] = {}
    question_ids: dict[str, str] = {}
    anchors = {s.module.slug: s.anchors for s in loaded}
    for src in loaded:
        for quiz in src.module.quizzes:
            if quiz.id in quiz_ids:
                problems.append(
                    error(
                        quiz.source,
                        quiz.line,
                        f"duplicate quiz id '{quiz.id}' (also in {quiz_ids[quiz.id]})",
                        code="duplicate",
                    )
                )
            quiz_ids.setdefault(quiz.id, f"{quiz.source}:{quiz.line}")
            for q in quiz.questions:
                if q.id in question_ids:
                    problems.append(
                        error(
                            quiz.source,
                            q.line,
                            f"duplicate question id '{q.id}' (also in {question_ids[q.id]})",
                            code="duplicate",
                        )
                    )
                question_ids.setdefault(q.id, q.source)
        for line, target, anchor in src.links:
            slug = Path(target).name.removesuffix(".md")
            target_anchors = src.anchors if target == src.module.source else anchors.get(slug)
            if target_anchors is None and slug in slugs:
                continue
            if target_anchors is None:
                problems.append(
                    error(
                        src.module.source,
                        line,
                        f"link to '{target}', which is not a module of this course",
                        code="link",
                    )
                )
            elif anchor and anchor not in target_anchors:
                problems.append(
                    error(
                        src.module.source,
                        line,
                        f"link to missing anchor '#{anchor}' in {target}",
                        code="anchor",
                    )
                )
    logo = config.theme.logo
    if logo and not (root / logo).is_file():
        problems.append(
            error(
                CONFIG_FILE,
                config.line_of("theme.logo"),
                f"theme logo '{logo}' is missing",
                key="theme.logo",
            )
        )
    return problems
