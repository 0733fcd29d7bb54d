"""One measurement, run in a fresh process by ``bench/run.py``; prints one JSON object.

    python bench/measure.py build COURSE WORKDIR
    python bench/measure.py build-one COURSE WORKDIR
    python bench/measure.py markdown-plain COURSE WORKDIR
    python bench/measure.py markdown-ours COURSE WORKDIR
    python bench/measure.py markdown-all COURSE WORKDIR
    python bench/measure.py mkdocs COURSE WORKDIR
    python bench/measure.py incremental COURSE WORKDIR

``seconds`` is the wall time of the measured work alone (imports excluded); ``cpu_seconds``
counts the worker processes a large build forks as well. ``build-one`` is the build in this
process alone, no workers forked (as in a process that runs threads): its phases are the
work itself, without what spreading it costs. ``peak_kb`` is the peak resident
memory of the process tree, bounded from above: this process's VmHWM (imports included) plus,
when the work forked workers, the largest worker's peak times the number of cores (workers
share most pages with their parent, so the true figure is lower).
"""

from __future__ import annotations

import json
import logging
import os
import re
import resource
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

Result = dict[str, Any]


class Clock:
    """Wall and CPU time from creation to :meth:`stop`."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), cpu_seconds()

    def stop(self) -> Result:
        return {"seconds": time.perf_counter() - self.wall, "cpu_seconds": cpu_seconds() - self.cpu}


def peak_kb() -> int:
    """Peak resident set size of this process in kilobytes."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux


def cpu_seconds() -> float:
    """User plus system CPU time of this process and its finished children so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def tree_peak_kb() -> int:
    """An upper bound of the peak memory of this process and the workers it forked."""
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kB; 0 without workers
    return peak_kb() + worker * (os.cpu_count() or 1)


def module_texts(course: Path) -> list[str]:
    """The Markdown of every module, as the build reads it."""
    return [p.read_text(encoding="utf-8") for p in sorted((course / "modules").glob("*.md"))]


QUIZ_FENCE_RE = re.compile(r"^```quiz\n(.*?)^```", re.MULTILINE | re.DOTALL)


def quiz_texts(course: Path) -> list[str]:
    """Every Markdown text of every quiz (prompts, choices, feedback, hints, pairs, items)."""
    import yaml

    docs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (course / "quizzes").glob("*")]
    for text in module_texts(course):
        docs += [yaml.safe_load(m) for m in QUIZ_FENCE_RE.findall(text)]
    out: list[str] = []

    def add(value: Any) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for key in ("text", "feedback", "correct", "incorrect"):
                add(value.get(key))
        elif isinstance(value, list):
            for item in value:
                add(item)

    for doc in docs:
        if not isinstance(doc, dict) or "questions" not in doc:
            continue
        for q in doc["questions"]:
            for key in ("prompt", "hint", "feedback", "choices", "pairs", "items"):
                add(q.get(key))
    return out


def package_sizes(path: Path) -> Result:
    """Zip size, and the uncompressed size of the learner runtime inside it."""
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
    runtime = [
        i
        for i in infos
        if i.filename.startswith("scormbuild/") and i.filename.endswith((".js", ".css"))
    ]
    data = sum(i.file_size for i in runtime if i.filename == "scormbuild/course-data.js")
    return {
        "package_bytes": path.stat().st_size,
        "entries": len(infos),
        "js_css_bytes": sum(i.file_size for i in runtime),
        "course_data_bytes": data,
        "runtime_code_bytes": sum(i.file_size for i in runtime) - data,
    }


# A course that uses every interactive block, for the learner code budget with every block.
BLOCKS_COURSE = Path(__file__).resolve().parents[1] / "tests" / "blocks_course"


def run_build(course: Path, work: Path) -> Result:
    from scormbuild.commands.build import build

    clock = Clock()
    result = build(course, work / "dist")
    times = clock.stop()
    sizes = package_sizes(result.packages[0])
    # Not timed: the learner code of a package whose course uses every interactive block.
    every = build(BLOCKS_COURSE, work / "blocks-dist").packages[0]
    sizes["every_block_code_bytes"] = package_sizes(every)["runtime_code_bytes"]
    return {**times, "phases": result.timings, **sizes}


def run_build_in_one_process(course: Path, work: Path) -> Result:
    import threading

    from scormbuild.commands.build import build

    # scormbuild.workers never forks from a process that runs threads: one that waits will do.
    done = threading.Event()
    waiting = threading.Thread(target=done.wait, daemon=True)
    waiting.start()
    try:
        clock = Clock()
        result = build(course, work / "dist")
        return {**clock.stop(), "phases": result.timings}
    finally:
        done.set()


def run_markdown(course: Path, factory: Callable[[], Any], quizzes: bool = False) -> Result:
    factory()  # imports, outside the measured time
    texts = quiz_texts(course) if quizzes else []  # parsing the YAML is not measured
    clock = Clock()
    md = factory()
    html = sum(len(md.render(text)) for text in module_texts(course))
    html += sum(len(md.render(text)) for text in texts)
    return {**clock.stop(), "html_chars": html, "quiz_texts": len(texts)}


def plain_markdown() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def our_markdown() -> Any:
    from scormbuild.source.markdown import make_markdown

    try:
        return make_markdown()
    except TypeError:  # older code: one parser per language
        return make_markdown("en")


def run_mkdocs(course: Path, work: Path) -> Result:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    clock = Clock()
    build(load_config(str(work / "mkdocs.yml")))
    return clock.stop()


def full_rebuild_in_memory(course: Path) -> Callable[[], None]:
    """What a rebuild costs without the preview (older code): gather and render, no zip."""
    from scormbuild.build import gather, package_files  # type: ignore[import-not-found]

    def rebuild() -> None:
        loaded, _warnings = gather(course)
        for c in loaded.courses:
            package_files(c, None)

    return rebuild


def run_incremental(course: Path, work: Path) -> Result:
    """The preview's rebuild after one module is saved with a change."""
    try:
        from scormbuild.preview.site import PreviewSite
    except ImportError:
        rebuild = full_rebuild_in_memory(course)
        api = "scormbuild.build.gather + package_files (no preview module)"
    else:
        site = PreviewSite(course)

        def rebuild() -> None:
            state = site.rebuild()
            if not state.ok:
                raise RuntimeError(state.message)

        api = "scormbuild.preview.site.PreviewSite.rebuild"
    rebuild()  # the preview's first build, when it starts
    modules = sorted((course / "modules").glob("*.md"))
    target = modules[len(modules) // 2]
    original = target.read_bytes()
    try:
        target.write_bytes(original + b"\nOne more paragraph, saved in the editor.\n")
        clock = Clock()
        rebuild()
        times = clock.stop()
    finally:
        target.write_bytes(original)
    return {**times, "api": api, "changed": target.name}


def main() -> None:
    kind, course, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    runners: dict[str, Callable[[], Result]] = {
        "build": lambda: run_build(course, work),
        "build-one": lambda: run_build_in_one_process(course, work),
        "markdown-plain": lambda: run_markdown(course, plain_markdown),
        "markdown-ours": lambda: run_markdown(course, our_markdown),
        "markdown-all": lambda: run_markdown(course, plain_markdown, quizzes=True),
        "mkdocs": lambda: run_mkdocs(course, work),
        "incremental": lambda: run_incremental(course, work),
    }
    result = runners[kind]()
    result.update(kind=kind, peak_kb=tree_peak_kb())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
