"""Video and audio: ``![alt](../assets/clip.mp4)`` becomes a player with its captions.

A recording needs a WebVTT captions file beside it (``clip.LANG.vtt``, else ``clip.vtt``)
and may have a transcript (``clip.txt``, ``.html`` or ``.pdf``), linked under the player.
The player's markup comes from the theme's ``media.html``: the page holds a placeholder.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from scormbuild.model import FileUse, Media, placeholder
from scormbuild.source.markdown.env import SourceEnv, inline_children, source_of
from scormbuild.source.paths import PathProblem, require_file

VIDEO_EXT = frozenset({".mp4", ".webm", ".m4v", ".ogv"})
AUDIO_EXT = frozenset({".mp3", ".m4a", ".ogg", ".oga", ".opus", ".wav", ".aac", ".flac"})
TRANSCRIPT_EXT = (".txt", ".html", ".pdf")


def is_recording(path: str) -> bool:
    """Whether ``path`` names a video or audio file."""
    return posixpath.splitext(path)[1].lower() in VIDEO_EXT | AUDIO_EXT


def _first_file(source: SourceEnv, line: int | None, candidates: Sequence[str]) -> str | None:
    """The first candidate that is a file; a candidate the path gate refuses is reported."""
    for candidate in candidates:
        try:
            if source.files.kind(candidate) != "missing":
                return require_file(source.files, candidate, "", under="assets")
        except PathProblem as exc:
            source.path_error(line, exc)
            return None
    return None


def _media(state: StateCore) -> None:
    source = source_of(state.env)
    if source is None:
        return
    for inline, image in inline_children(state.tokens, "image"):
        path = image.meta.get("path")
        if not path or not is_recording(path):
            continue
        stem, ext = posixpath.splitext(path)
        kind: Literal["video", "audio"] = "video" if ext.lower() in VIDEO_EXT else "audio"
        at = source.at(source.child_line(inline, image))
        if source.fragment:
            hint = "show it in the module's text, where it gets its player and captions"
            source.error(at.line, f"{kind} '{path}' in a short text", hint=hint, code="media")
            continue
        captions = _first_file(source, at.line, [f"{stem}.{source.language}.vtt", f"{stem}.vtt"])
        if captions is None:
            source.error(
                at.line,
                f"{kind} '{path}' has no captions",
                hint=f"add {posixpath.basename(stem)}.vtt (WebVTT) beside it",
                code="captions",
            )
            continue
        transcript = _first_file(source, at.line, [stem + e for e in TRANSCRIPT_EXT])
        uses = [captions] + ([transcript] if transcript else [])
        source.found.uses += [FileUse(p, at) for p in uses]
        label = "".join(c.content for c in image.children or [])
        image.type, image.children = "media", None
        image.meta["index"] = len(source.found.media)
        source.found.media.append(Media(kind, path, label, captions, transcript, at))


def _render(self: Any, tokens: Sequence[Token], idx: int, _options: Any, _env: Any) -> str:
    return placeholder("media", tokens[idx].meta["index"])


def media_plugin(md: MarkdownIt) -> None:
    """Recordings become players (after :mod:`.images` has resolved their paths)."""
    md.core.ruler.push("sb_media", _media)
    md.add_render_rule("media", _render)
