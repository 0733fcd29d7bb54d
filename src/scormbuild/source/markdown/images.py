"""Images: local files only, resolved inside the course and pointed at from the page.

Every image's path goes through the course's files; the image is recorded with its alt
text (for the checks and the accessibility statement). Video and audio, written the same
way, are left to :mod:`.media`, and an image alone with a title to :mod:`.figures`.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from scormbuild.model import Image
from scormbuild.source.markdown.env import inline_children, source_of
from scormbuild.source.markdown.media import is_recording
from scormbuild.source.markdown.sanitize import scheme_problem


def _images(state: StateCore) -> None:
    source = source_of(state.env)
    if source is None:
        return
    found = source.found
    for inline, image in inline_children(state.tokens, "image"):
        src = str(image.attrGet("src") or "")
        line = source.child_line(inline, image)
        problem = scheme_problem(src, link=False)
        if problem is not None:
            message, hint, code = problem
            if code == "remote":
                hint = "download it into assets/ and link it relatively"
            source.error(line, message, hint=hint, code=code)
            continue
        path = source.use_asset(src, line)
        if path is None:
            continue
        image.attrSet("src", f"../{path}")
        image.meta["path"] = path
        if not is_recording(path):
            alt = "".join(c.content for c in image.children or [])
            found.images.append(Image(src, path, alt, source.at(line)))


def images_plugin(md: MarkdownIt) -> None:
    """Check, record and point every image of a module at its file in the package."""
    md.core.ruler.push("sb_images", _images)
