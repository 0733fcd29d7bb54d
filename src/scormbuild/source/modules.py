"""Module Markdown -> :class:`~scormbuild.model.Module`: front matter, body, quizzes, media."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from scormbuild.errors import Problem, error
from scormbuild.model import Heading, Module, Quiz, quiz_placeholder
from scormbuild.options import suggest
from scormbuild.source.markdown import render_inline
from scormbuild.source.memo import ModuleMemo, Probe, Remembered
from scormbuild.source.paths import PathProblem, is_remote
from scormbuild.source.quizzes import QuizReader
from scormbuild.source.text import decode, split_front_matter
from scormbuild.source.yamlsrc import LineDict, YamlSyntaxError, load_yaml

FRONT_MATTER_KEYS = {"title", "objectives", "duration"}
VIDEO_EXT = {".mp4", ".webm", ".m4v", ".ogv"}
AUDIO_EXT = {".mp3", ".m4a", ".ogg", ".oga", ".opus", ".wav", ".aac", ".flac"}
RAW_RESOURCE_RE = re.compile(
    r"""<\s*(script|iframe|img|link|video|audio|source|track|object|embed|style)\b[^>]*?"""
    r"""(?:\s(?:src|href|data|poster)\s*=\s*["']?([^"'\s>]+))?""",
    re.IGNORECASE,
)
REMOTE_IN_HTML_RE = re.compile(
    r"""(?:src|href|data|poster|srcset)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)"""
    r"""|(?:url\(|@import)\s*["']?((?:https?:)?//[^)"'\s;]+)""",
    re.IGNORECASE,
)
RAW_IMG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
RAW_ATTR_RE = re.compile(r"""\s(src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


@dataclass
class ModuleSource:
    """What the loader learned of one module beyond the model: for checks and parity."""

    module: Module
    media: list[str] = field(default_factory=list)  # course-relative paths used
    links: list[tuple[int, str, str]] = field(default_factory=list)  # (line, module file, anchor)
    anchors: set[str] = field(default_factory=set)
    images: list[tuple[int | None, str, str]] = field(default_factory=list)  # (line, src, alt)
    heading_lines: list[int | None] = field(default_factory=list)  # parallel to headings


def _copy(source: ModuleSource | None) -> ModuleSource | None:
    """A copy whose lists and sets can be changed without touching the remembered one."""
    if source is None:
        return None
    return replace(
        source,
        media=list(source.media),
        links=list(source.links),
        anchors=set(source.anchors),
        images=list(source.images),
        heading_lines=list(source.heading_lines),
    )


class ModuleReader:
    """Reads one module file in one language."""

    def __init__(
        self,
        root: Path,
        md: MarkdownIt,
        language: str,
        labels: dict[str, str],
        memo: ModuleMemo | None = None,
    ) -> None:
        self.root = root
        self.md = md
        self.language = language
        self.labels = labels
        self.problems: list[Problem] = []
        self.quiz_files: dict[str, Quiz] = {}
        self.memo = memo
        self.probe = Probe()

    def read(self, path: Path, slug: str) -> ModuleSource | None:
        """Load ``path``; None when it cannot be used (the problems say why).

        A module read before from the same text, with the same answers from the file
        system, is not parsed again (see :mod:`scormbuild.source.memo`).
        """
        data = path.read_bytes()
        self.probe = Probe(record=self.memo is not None)
        if self.memo is None:
            return self._read(path, slug, data)
        key = (path, slug, self.language, self.language_suffix, tuple(sorted(self.labels.items())))
        known = self.memo.get(key, data)
        if known is not None:
            self.problems += known.problems
            return _copy(known.result)
        before = len(self.problems)
        result = self._read(path, slug, data)
        self.memo.put(key, Remembered(data, self.probe, _copy(result), self.problems[before:]))
        return result

    def _read(self, path: Path, slug: str, data: bytes) -> ModuleSource | None:
        rel = path.relative_to(self.root).as_posix()
        text, problems = decode(data, rel)
        self.problems += problems
        if text is None:
            return None
        fm_text, body, offset = split_front_matter(text)
        if fm_text is None:
            self.problems.append(
                error(rel, 1, "a module starts with front matter: '---', 'title: ...', '---'")
            )
            return None
        try:
            fm = load_yaml(fm_text, first_line=2)
        except YamlSyntaxError as exc:
            self.problems.append(error(rel, exc.line, exc.message, column=exc.column))
            return None
        if not isinstance(fm, LineDict):
            self.problems.append(error(rel, 2, "front matter must be a mapping with 'title'"))
            return None
        before = self._errors()
        for key in fm:
            if key not in FRONT_MATTER_KEYS:
                hint = (
                    suggest(key, sorted(FRONT_MATTER_KEYS))
                    or "known keys: duration, objectives, title"
                )
                self.problems.append(
                    error(rel, fm.line_of(key), f"unknown front matter key '{key}'", hint=hint)
                )
        title = fm.get("title")
        if not isinstance(title, str) or not title.strip():
            self.problems.append(
                error(rel, fm.line_of("title"), "front matter needs a 'title' text")
            )
            title = slug
        objectives = fm.get("objectives", [])
        if not isinstance(objectives, list) or not all(isinstance(o, str) for o in objectives):
            self.problems.append(
                error(rel, fm.line_of("objectives"), "'objectives' must be a list of texts")
            )
            objectives = []
        duration = fm.get("duration")
        if duration is not None and not isinstance(duration, str | int):
            self.problems.append(
                error(rel, fm.line_of("duration"), "'duration' must be text, e.g. '15 min'")
            )
            duration = None
        if not body.strip():
            self.problems.append(error(rel, offset + 1, "the module has no content", code="empty"))
        source = ModuleSource(Module("", slug, "", "", rel))
        env: dict[str, Any] = {"labels": self.labels}
        tokens = self.md.parse(body, env)
        quizzes = self._walk(tokens, rel, path.parent, offset, source)
        headings = tuple(
            Heading(int(t.tag[1]), str(t.attrGet("id") or ""), tokens[i + 1].content)
            for i, t in enumerate(tokens)
            if t.type == "heading_open"
        )
        source.heading_lines = [
            t.map[0] + 1 + offset if t.map else None for t in tokens if t.type == "heading_open"
        ]
        # The page template shows the title as its h1; a leading '# Title' would repeat it.
        title_anchor = ""
        if tokens and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
            tokens = tokens[3:]
            title_anchor = headings[0].anchor
            headings = headings[1:]
            source.heading_lines = source.heading_lines[1:]
        html = self.md.renderer.render(tokens, self.md.options, env)
        source.anchors = {h.anchor for h in headings} | set(re.findall(r'\sid="([^"]+)"', html))
        if title_anchor:
            source.anchors.add(title_anchor)
        # Warnings (e.g. from checks on raw HTML) do not make a module unusable; errors do.
        if self._errors() > before:
            return None
        source.module = Module(
            id="m" + re.sub(r"[^A-Za-z0-9_.-]", "-", slug),
            slug=slug,
            title=title.strip(),
            html=html,
            source=rel,
            objectives=tuple(render_inline(self.md, o) for o in objectives),
            duration=str(duration) if duration is not None else None,
            headings=headings,
            anchor=title_anchor,
            quizzes=tuple(quizzes),
        )
        return source

    def _walk(
        self, tokens: list[Token], rel: str, base: Path, offset: int, source: ModuleSource
    ) -> list[Quiz]:
        quizzes: list[Quiz] = []
        for i, token in enumerate(tokens):
            line = token.map[0] + 1 + offset if token.map else None
            if token.type == "fence" and token.info.strip() == "quiz":
                quiz = self._quiz(token, rel, (line or 1) + 1)
                token.type, token.tag, token.content = "html_block", "", ""
                if quiz:
                    quizzes.append(quiz)
                    token.content = quiz_placeholder(quiz.id) + "\n"
            elif token.type in ("html_block", "html_inline"):
                self._raw_html(token.content, rel, line, source)
            elif token.type == "inline" and token.children:
                for child in token.children:
                    if child.type == "html_inline":
                        self._raw_html(child.content, rel, line, source)
                    elif child.type == "image":
                        self._image(child, rel, base, line, source)
                    elif child.type == "link_open":
                        self._link(child, rel, base, line, source)
                self._figure(tokens, i)
        return quizzes

    def _errors(self) -> int:
        return sum(1 for p in self.problems if p.level == "error")

    def _raw_html(self, html: str, rel: str, line: int | None, source: ModuleSource) -> None:
        for img in RAW_IMG_RE.findall(html):
            attrs = {m[0].lower(): m[1] or m[2] or m[3] for m in RAW_ATTR_RE.findall(img)}
            source.images.append((line, attrs.get("src", ""), attrs.get("alt", "")))
        for match in REMOTE_IN_HTML_RE.finditer(html):
            url = match.group(1) or match.group(2)
            if re.search(
                r"<\s*a\s[^>]*href", html[: match.end()], re.IGNORECASE
            ) and "href" in match.group(0):
                continue
            # Point at the line of the URL, not the first line of a multi-line HTML block.
            at = line + html.count("\n", 0, match.start()) if line else line
            self.problems.append(
                error(
                    rel,
                    at,
                    f"remote resource '{url}' is refused",
                    hint="put the file in assets/",
                    code="remote",
                )
            )
        if re.search(r"<\s*script\b", html, re.IGNORECASE):
            self.problems.append(
                error(rel, line, "scripts are not allowed in course pages", code="script")
            )

    def _image(
        self, tok: Token, rel: str, base: Path, line: int | None, source: ModuleSource
    ) -> None:
        src = str(tok.attrGet("src") or "")
        if is_remote(src):
            self.problems.append(
                error(
                    rel,
                    line,
                    f"remote resource '{src}' is refused",
                    hint="download it into assets/ and link it relatively",
                    code="remote",
                )
            )
            return
        try:
            real, course_rel = self.probe.resolve(self.root, base, src)
        except PathProblem as exc:
            self.problems.append(error(rel, line, str(exc), code="path"))
            return
        if not self.probe.is_file(real):
            self.problems.append(
                error(rel, line, f"missing file '{src}' ({course_rel})", code="missing")
            )
            return
        source.media.append(course_rel)
        href = "../" + course_rel
        tok.attrSet("src", href)
        alt = "".join(c.content for c in tok.children or [])
        ext = real.suffix.lower()
        if ext not in VIDEO_EXT | AUDIO_EXT:
            source.images.append((line, src, alt))
        else:
            self._media(tok, rel, real, course_rel, href, alt, line, source)

    def _media(
        self,
        tok: Token,
        rel: str,
        real: Path,
        course_rel: str,
        href: str,
        alt: str,
        line: int | None,
        source: ModuleSource,
    ) -> None:
        kind = "video" if real.suffix.lower() in VIDEO_EXT else "audio"
        stem = real.with_suffix("")
        captions = next(
            (
                p
                for p in (
                    stem.parent / f"{stem.name}.{self.language}.vtt",
                    stem.with_suffix(".vtt"),
                )
                if self.probe.is_file(p)
            ),
            None,
        )
        if captions is None:
            self.problems.append(
                error(
                    rel,
                    line,
                    f"{kind} '{course_rel}' has no captions",
                    hint=f"add {stem.name}.vtt (WebVTT) beside it",
                    code="captions",
                )
            )
            return
        cap_rel = captions.relative_to(self.root.resolve()).as_posix()
        source.media.append(cap_rel)
        label = escapeHtml(alt)
        html = (
            f'<{kind} controls preload="metadata" src="{escapeHtml(href)}" aria-label="{label}">'
            f'<track kind="captions" src="../{escapeHtml(cap_rel)}" srclang="{self.language}" '
            f'label="{escapeHtml(self.labels.get("captions", "Captions"))}" default></{kind}>'
        )
        for ext in (".txt", ".html", ".pdf"):
            transcript = stem.with_suffix(ext)
            if self.probe.is_file(transcript):
                t_rel = transcript.relative_to(self.root.resolve()).as_posix()
                source.media.append(t_rel)
                text = escapeHtml(self.labels.get("transcript", "Transcript"))
                html += f' <a class="transcript" href="../{escapeHtml(t_rel)}">{text}</a>'
                break
        tok.type, tok.tag, tok.content, tok.children = "html_inline", "", html, None

    def _link(
        self, tok: Token, rel: str, base: Path, line: int | None, source: ModuleSource
    ) -> None:
        href = str(tok.attrGet("href") or "")
        if not href or is_remote(href):
            return
        if href.startswith("#"):
            source.links.append((line or 0, rel, href[1:]))
            return
        path_part, _, anchor = href.partition("#")
        try:
            real, course_rel = self.probe.resolve(self.root, base, path_part)
        except PathProblem as exc:
            self.problems.append(error(rel, line, str(exc), code="path"))
            return
        if course_rel.startswith("modules/") and course_rel.endswith(".md"):
            source.links.append((line or 0, course_rel, anchor))
            slug = Path(course_rel).stem
            tok.attrSet("href", f"{slug}.html" + (f"#{anchor}" if anchor else ""))
            return
        if not self.probe.is_file(real):
            self.problems.append(
                error(rel, line, f"missing file '{path_part}' ({course_rel})", code="missing")
            )
            return
        source.media.append(course_rel)
        tok.attrSet("href", "../" + course_rel + (f"#{anchor}" if anchor else ""))

    def _figure(self, tokens: list[Token], i: int) -> None:
        """An image alone in a paragraph with a title becomes a figure with a caption."""
        children = tokens[i].children or []
        if not (0 < i < len(tokens) - 1 and len(children) == 1 and children[0].type == "image"):
            return
        img = children[0]
        title = img.attrGet("title")
        if not title or tokens[i - 1].type != "paragraph_open":
            return
        alt = "".join(c.content for c in img.children or [])
        caption = render_inline(self.md, str(title))
        html = (
            f'<figure><img src="{escapeHtml(str(img.attrGet("src")))}" alt="{escapeHtml(alt)}">'
            f"<figcaption>{caption}</figcaption></figure>\n"
        )
        tokens[i - 1].type, tokens[i - 1].tag, tokens[i - 1].nesting = "html_block", "", 0
        tokens[i - 1].content = html
        tokens[i].type, tokens[i].children, tokens[i].content = "html_block", None, ""
        tokens[i + 1].type, tokens[i + 1].tag, tokens[i + 1].nesting = "html_block", "", 0
        tokens[i + 1].content = ""

    def _quiz(self, token: Token, rel: str, first_line: int) -> Quiz | None:
        try:
            data = load_yaml(token.content, first_line=first_line)
        except YamlSyntaxError as exc:
            self.problems.append(error(rel, exc.line, exc.message, column=exc.column))
            return None
        if isinstance(data, LineDict) and set(data) == {"file"}:
            return self._quiz_file(str(data["file"]), rel, data.line_of("file"))
        reader = QuizReader(rel, lambda t: render_inline(self.md, t))
        quiz = reader.read_quiz(data, first_line)
        self.problems += reader.problems
        return quiz

    def _quiz_file(self, target: str, rel: str, line: int) -> Quiz | None:
        stem, dot, ext = target.rpartition(".")
        if self.language_suffix and dot:
            target = f"{stem}.{self.language_suffix}.{ext}"
        try:
            real, course_rel = self.probe.resolve(self.root, self.root, target)
        except PathProblem as exc:
            self.problems.append(error(rel, line, str(exc), code="path"))
            return None
        if not self.probe.is_file(real):
            self.problems.append(error(rel, line, f"missing quiz file '{target}'", code="missing"))
            return None
        text, problems = decode(self.probe.read_bytes(real), course_rel)
        self.problems += problems
        if text is None:
            return None
        try:
            data = load_yaml(text)
        except YamlSyntaxError as exc:
            self.problems.append(error(course_rel, exc.line, exc.message, column=exc.column))
            return None
        reader = QuizReader(course_rel, lambda t: render_inline(self.md, t))
        quiz = reader.read_quiz(data, 1)
        self.problems += reader.problems
        return quiz

    language_suffix: str = ""


__all__ = ["ModuleReader", "ModuleSource"]
