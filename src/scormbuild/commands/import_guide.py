"""``scormbuild import``: a guide (Word, OpenDocument, HTML, Markdown) into a course folder.

Gather, then write: the document is read, converted and cut into modules in memory; the
folder is written beside its target, checked with ``check``, and renamed into place only
when the course loads without errors. The check's warnings are the import's to-do list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scormbuild.commands.check import CheckReport, check
from scormbuild.errors import Problem, ScormBuildError
from scormbuild.importer import pandoc
from scormbuild.importer.folder import check_target, publish, staging, write_files
from scormbuild.importer.inputs import Document, Metadata, read_document, refuse
from scormbuild.importer.layout import (
    CourseInfo,
    Linker,
    course_yml,
    link_targets,
    module_text,
    name_sections,
)
from scormbuild.importer.media import Media
from scormbuild.importer.prepare import apply_marks, prepare
from scormbuild.importer.split import Section, SplitError, ascii_slug, has_text, split
from scormbuild.options import LANG_RE

Node = dict[str, Any]


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote, and what the author must still do."""

    out_dir: Path
    modules: tuple[str, ...]
    assets: tuple[str, ...]
    report: CheckReport

    @property
    def todos(self) -> tuple[Problem, ...]:
        """The to-do list: the warnings of ``check`` on the new course."""
        return self.report.warnings


@dataclass
class Converted:
    """One document, converted and cut into sections."""

    doc: Document
    sections: list[Section]
    meta: Metadata
    targets: set[str]


def convert(source: Path, split_level: int) -> Converted:
    """Read, convert and split ``source``; one clear error for anything unusable."""
    doc = read_document(source)
    prepared = prepare(doc)
    try:
        tree = pandoc.to_tree(doc.kind, data=prepared.data)
    except pandoc.ConversionError as exc:
        hint = "simplify the document (split it, flatten its nesting), then import it again"
        raise refuse(source, str(exc), hint) from None
    blocks: list[Node] = apply_marks(tree.get("blocks", []), prepared)
    meta = _merge_meta(tree.get("meta", {}), doc.meta)
    if not has_text(blocks):
        hint = "import the file that holds the guide's text (a document of comments alone has none)"
        raise refuse(source, "the document is empty: it has no text to import", hint)
    title = meta.title or source.stem
    try:
        sections = split(blocks, split_level, title)
    except SplitError as exc:
        raise refuse(source, str(exc), exc.hint) from None
    name_sections(sections)
    targets = link_targets(blocks)
    targets |= {i for s in sections for alias, i in s.aliases.items() if alias in targets}
    return Converted(doc, sections, meta, targets)


def _meta_value(value: Any) -> str:
    from scormbuild.importer.inline import stringify

    t, c = value.get("t"), value.get("c")
    if t == "MetaString":
        return str(c)
    if t == "MetaInlines":
        return stringify(c)
    if t == "MetaBlocks":
        return " ".join(stringify(b.get("c", [])) for b in c if b.get("t") in ("Para", "Plain"))
    if t == "MetaList":
        return ", ".join(v for v in (_meta_value(x) for x in c) if v)
    return ""


def _merge_meta(meta: dict[str, Any], found: Metadata) -> Metadata:
    """What pandoc read (a Title paragraph, <title>, YAML) first, then the file's properties."""

    def get(*keys: str) -> str:
        for key in keys:
            if key in meta:
                text = " ".join(_meta_value(meta[key]).split())
                if text:
                    return text
        return ""

    return Metadata(
        title=get("title") or found.title,
        author=get("author", "creator") or found.author,
        language=get("lang", "language") or found.language,
        description=get("description", "abstract", "subtitle") or found.description,
    )


def _language(flag: str | None, meta: Metadata, source: Path) -> str:
    if flag:
        if not LANG_RE.match(flag):
            raise ScormBuildError(f"'{flag}' is not a language code such as 'fi' or 'sv'")
        return flag
    lang = meta.language.replace("_", "-").split("-")[0].lower()
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        raise refuse(
            source,
            "the document does not say which language it is in",
            "pass it: --language fi (or sv, en, ...)",
        )
    return lang


def import_guide(
    source: Path,
    out_dir: Path | None = None,
    *,
    split_level: int = 1,
    language: str | None = None,
    course_id: str | None = None,
    force: bool = False,
) -> ImportResult:
    """Import ``source`` into ``out_dir`` (default: a folder named after the course id)."""
    conv = convert(source, split_level)
    lang = _language(language, conv.meta, source)
    title = conv.meta.title or source.stem
    cid = course_id or ascii_slug(title, 60) or "course"
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", cid):
        raise ScormBuildError(f"'{cid}' is not a course id: use a-z, 0-9 and single hyphens")
    out = out_dir if out_dir is not None else Path(cid)
    check_target(out, force)
    info = CourseInfo(cid, title, lang, conv.meta.author, conv.meta.description)
    media = Media(conv.doc)
    linker = Linker(conv.sections, source.name)
    files: dict[str, bytes] = {"course.yml": course_yml(info).encode("utf-8")}
    for n, section in enumerate(conv.sections):
        text = module_text(section, n, linker, media, lang, conv.targets)
        files[f"modules/{section.slug}.md"] = text.encode("utf-8")
    files.update({f"assets/{name}": data for name, data in media.files.items()})
    return _write_checked(files, out)


def _write_checked(files: dict[str, bytes], out: Path) -> ImportResult:
    """Write ``files`` beside ``out``, check them, and move them into place if they load."""
    with staging(out) as tmp:
        write_files(tmp, files)
        report = check(tmp)
        if report.errors:
            details = "\n".join(p.format() for p in report.errors)
            # A course import wrote but check refuses is a bug of import, not of the input.
            raise RuntimeError(f"the imported course does not pass check:\n{details}")
        publish(tmp, out)
    report = CheckReport(out, report.problems, report.strict)
    modules = tuple(sorted(k for k in files if k.startswith("modules/")))
    assets = tuple(sorted(k for k in files if k.startswith("assets/")))
    return ImportResult(out, modules, assets, report)


def import_variant(
    source: Path,
    course_dir: Path,
    *,
    split_level: int = 1,
    language: str | None = None,
    force: bool = False,
) -> ImportResult:
    """Add ``source`` to the course in ``course_dir`` as the variants of its modules, and
    check the result (parity included) before anything is written."""
    return _import_variant(source, course_dir, split_level, language, force)


def _variant_files(conv: Converted, course_dir: Path, lang: str, force: bool) -> dict[str, bytes]:
    from scormbuild.importer.inline import escape
    from scormbuild.importer.variant import VariantMedia, match_anchors, updated_config
    from scormbuild.source.load import load_course
    from scormbuild.source.markdown.drafts import todo_marker

    loaded = load_course(course_dir)
    primary = loaded.config.languages[0]
    source = conv.doc.path
    if lang == primary:
        raise refuse(
            source,
            f"the document is in '{lang}', the course's primary language",
            "pass the variant's language: --language sv",
        )
    modules = loaded.courses[0].modules
    if len(modules) != len(conv.sections):
        raise refuse(
            source,
            f"the document has {len(conv.sections)} sections, the course "
            f"{len(modules)} modules: a variant needs one section per module",
            "check the headings, or --split-level",
        )
    media = VariantMedia(conv.doc, course_dir, primary)
    anchors = [match_anchors(s, m) for s, m in zip(conv.sections, modules, strict=True)]
    linker = Linker(conv.sections, source.name)
    files: dict[str, bytes] = {}
    for n, (section, module) in enumerate(zip(conv.sections, modules, strict=True)):
        target = f"modules/{module.slug}.{lang}.md"
        if (course_dir / target).exists() and not force:
            raise ScormBuildError(
                f"{course_dir / target} exists; nothing was written\n"
                "  hint: replace the variants with --force"
            )
        media.start(module)
        text = module_text(section, n, linker, media, lang, conv.targets, anchors[n])
        for path in media.missing():
            note = todo_marker(
                f"this picture of the {primary} version was missing from the document and "
                "was added here: move it to its place and translate its alt text"
            )
            alt = next((i.alt for i in module.images if i.src.endswith(path)), "")
            text += f"\n{note}\n![{escape(alt)}](../{path})\n"
        files[target] = text.encode("utf-8")
    config = (course_dir / "course.yml").read_text("utf-8")
    title = conv.meta.title or conv.sections[0].title
    files["course.yml"] = updated_config(config, primary, lang, title).encode("utf-8")
    return files


def _apply(course_dir: Path, files: dict[str, bytes]) -> None:
    """Each file replaced atomically; course.yml last, once every variant is in place."""
    import os
    import tempfile

    for rel in sorted(files, key=lambda r: r == "course.yml"):
        target = course_dir / rel
        fd, tmp = tempfile.mkstemp(prefix=".import-", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(files[rel])
        os.replace(tmp, target)


def _import_variant(
    source: Path, course_dir: Path, split_level: int, language: str | None, force: bool
) -> ImportResult:
    import shutil

    conv = convert(source, split_level)
    lang = _language(language, conv.meta, source)
    files = _variant_files(conv, course_dir, lang, force)
    # The course is checked with the variants in a copy first: parity included.
    with staging(course_dir) as tmp:
        copy = tmp / "course"
        shutil.copytree(course_dir, copy, symlinks=True, ignore=shutil.ignore_patterns(".git"))
        write_files(copy, files)
        report = check(copy)
        if report.errors:
            details = "\n".join(p.format() for p in report.errors)
            raise ScormBuildError(f"the course with the variants does not pass check:\n"
                                  f"{details}\nnothing was written")  # fmt: skip
    _apply(course_dir, files)
    full = check(course_dir)
    # The to-dos of this import: those in the files it wrote.
    report = CheckReport(course_dir, tuple(p for p in full.problems if p.location.path in files))
    modules = tuple(sorted(k for k in files if k.startswith("modules/")))
    return ImportResult(course_dir, modules, (), report)
