"""Generate a large benchmark course, deterministically.

The same seed and size always give byte-identical files. ``large`` is the course the
performance targets are stated for: 200 modules, 2,000 questions of every type, 100 PNG
images and three 30 MB videos with captions. ``small`` has the same shape at a size CI can
build in seconds.

Saved progress must fit the 4,096 characters of SCORM 1.2's ``cmi.suspend_data``; every quiz
counts, graded or not (see ``scormbuild.package.suspend_data``). Each quiz therefore draws one
question per attempt from its ten (``pool: 1``), and only one quiz in twenty holds the fill-in and
numeric questions, whose saved answers are the longest. Saved progress names each module seen
and each question answered (format 2), so 200 modules and their quizzes do not fit one SCO:
``large`` is a multi-SCO course (``sco_mode: multi``, each module's SCO keeps its own progress),
as the build advises for such a course. The worst case is printed after generating.

    python bench/generate.py --size large --out bench/out/large/course
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import struct
import zlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

VOCABULARY = (
    "project lesson sharing public sector digital service workshop interview retrospective "
    "community practice webinar outcome card compass goal team learner budget risk user "
    "research design method evidence report review pilot agency citizen data model quality "
    "feedback change plan result impact scale network knowledge process value measure"
)
SV_VOCABULARY = "projekt lärdom delning offentlig sektor tjänst verkstad intervju"
WORDS = VOCABULARY.split()
SV_WORDS = SV_VOCABULARY.split()
STAMP = ".generated.json"


@dataclass(frozen=True)
class Size:
    """How big a generated course is."""

    modules: int
    questions_per_module: int
    images: int
    videos: int
    video_mb: int
    heavy_every: int = 20  # one quiz in this many holds fill-in and numeric questions
    sco_mode: str = "single"  # "multi": one SCO per module, each with its own saved progress


SIZES = {
    "large": Size(
        modules=200, questions_per_module=10, images=100, videos=3, video_mb=30, sco_mode="multi"
    ),
    "medium": Size(modules=50, questions_per_module=10, images=25, videos=1, video_mb=10),
    "small": Size(modules=12, questions_per_module=10, images=6, videos=1, video_mb=1),
}


def words(rng: random.Random, n: int) -> str:
    """``n`` words from the vocabulary."""
    return " ".join(rng.choice(WORDS) for _ in range(n))


def sentence(rng: random.Random, n: int = 12) -> str:
    """A sentence with a little inline markup."""
    parts = [rng.choice(WORDS) for _ in range(n)]
    parts[0] = parts[0].capitalize()
    k = rng.randrange(1, n - 1)
    mark = rng.choice(("*{}*", "**{}**", "`{}`", "{}"))
    parts[k] = mark.format(parts[k])
    return " ".join(parts) + "."


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    """A paragraph of ``sentences`` sentences."""
    return " ".join(sentence(rng, rng.randrange(8, 16)) for _ in range(sentences))


def png(width: int, height: int, seed: int) -> bytes:
    """A small RGB PNG with a deterministic gradient (zlib + struct, no imaging library)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    r0, g0, b0 = (seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            rows += bytes(((r0 + x * 3) % 256, (g0 + y * 5) % 256, (b0 + x + y) % 256))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def write_video(path: Path, megabytes: int, seed: int) -> None:
    """An MP4-looking file: ``ftyp`` and ``mdat`` boxes, then deterministic bytes.

    Written a megabyte at a time; the content is not a playable video.
    """
    total = megabytes * 1024 * 1024
    ftyp = struct.pack(">I4s4sI", 24, b"ftyp", b"isom", 0x200) + b"isomiso2"
    mdat = struct.pack(">I4s", total - len(ftyp), b"mdat")
    block = random.Random(seed).randbytes(1 << 20)
    with path.open("wb") as fp:
        fp.write(ftyp + mdat)
        left = total - len(ftyp) - len(mdat)
        n = 0
        while left > 0:
            piece = struct.pack(">I", n) + block[4 : min(len(block), left)]
            fp.write(piece[:left])
            left -= len(piece[:left])
            n += 1


def vtt(rng: random.Random, cues: int = 20) -> str:
    """A WebVTT captions file."""
    out = ["WEBVTT", ""]
    for i in range(cues):
        out += [f"00:{i * 5 // 60:02d}:{i * 5 % 60:02d}.000 --> 00:{(i * 5 + 5) // 60:02d}:"
                f"{(i * 5 + 5) % 60:02d}.000", sentence(rng, 8), ""]  # fmt: skip
    return "\n".join(out)


def question(rng: random.Random, qid: str, qtype: str) -> list[str]:
    """One question as YAML lines (indented for a ``questions:`` list)."""
    out = [
        f"  - id: {qid}",
        f"    type: {qtype}",
        f"    prompt: {json.dumps(sentence(rng, 10))}",
    ]
    if rng.random() < 0.5:
        out.append(f"    hint: {json.dumps(sentence(rng, 6))}")
    if rng.random() < 0.5:
        out += [
            "    feedback:",
            f"      correct: {json.dumps(sentence(rng, 5))}",
            f"      incorrect: {json.dumps(sentence(rng, 7))}",
        ]
    if qtype in ("single", "multiple"):
        n = 4 if qtype == "single" else 5
        correct = {0} if qtype == "single" else {0, 2}
        out.append("    choices:")
        for c in rng.sample(range(n), n):
            out.append(f"      - text: {json.dumps(sentence(rng, 5))}")
            if c in correct:
                out.append("        correct: true")
            if c == 1:
                out.append(f"        feedback: {json.dumps(sentence(rng, 6))}")
    elif qtype == "truefalse":
        out.append(f"    answer: {str(rng.random() < 0.5).lower()}")
    elif qtype == "fill":
        w = rng.choice(WORDS)
        out.append(f"    answers: [{w}, {w}s]")
    elif qtype == "numeric":
        if rng.random() < 0.5:
            out += [f"    answer: {rng.randrange(1, 3000)}", "    tolerance: 0.5"]
        else:
            lo = rng.randrange(1, 100)
            out.append(f"    range: [{lo}, {lo + 10}]")
    elif qtype == "matching":
        out.append("    pairs:")
        for k in range(3):
            left, right = json.dumps(words(rng, 3)), json.dumps(f"{words(rng, 4)} ({k + 1})")
            out.append(f"      - [{left}, {right}]")
    elif qtype == "ordering":
        steps = [json.dumps(f"{words(rng, 3).capitalize()} ({k + 1})") for k in range(4)]
        out.append(f"    items: [{', '.join(steps)}]")
    return out


LIGHT = ("single", "multiple", "truefalse", "matching", "ordering")
HEAVY = ("fill", "numeric")


def quiz_yaml(rng: random.Random, index: int, size: Size) -> str:
    """A quiz of ``questions_per_module`` questions, one drawn per attempt."""
    heavy = index % size.heavy_every == 0
    types = HEAVY if heavy else LIGHT
    out = [
        f"id: quiz-{index:03d}",
        f"title: {json.dumps('Check: ' + words(rng, 3))}",
        f"graded: {'false' if index % 4 == 3 else 'true'}",
        f"shuffle_choices: {'true' if index % 2 else 'false'}",
        "pool: 1",
        "attempts: 3",
        "questions:",
    ]
    for j in range(size.questions_per_module):
        out += question(rng, f"q{index:03d}-{j:02d}", types[j % len(types)])
    return "\n".join(out) + "\n"


def module_names(rng: random.Random, n: int) -> list[str]:
    """``NNN-two-words.md`` for every module."""
    return [f"{i + 1:03d}-{rng.choice(WORDS)}-{rng.choice(WORDS)}.md" for i in range(n)]


def module_md(
    rng: random.Random, index: int, names: list[str], size: Size, quiz_inline: str | None
) -> str:
    """One module: front matter, about 7 KB of varied Markdown, media and a quiz."""
    title = f"Module {index + 1}: {words(rng, 3)}"
    nxt = names[(index + 1) % len(names)]
    prev = names[index - 1]
    img = f"../assets/img/image-{index % max(size.images, 1):03d}.png"
    parts = [
        "---",
        f"title: {json.dumps(title)}",
        "objectives:",
        f"  - {json.dumps(sentence(rng, 8))}",
        f"  - {json.dumps(sentence(rng, 8))}",
        "duration: 15 min",
        "---",
        "",
        f"# {title}",
        "",
        paragraph(rng) + " See the [next module](" + nxt + ") and [the summary of the previous "
        "one](" + prev + "#summary).[^1]",
        "",
        paragraph(rng, 5),
        "",
        f"## {words(rng, 3).capitalize()}",
        "",
        *[f"- {sentence(rng, 7)}" for _ in range(6)],
        "",
        f'![{words(rng, 4)}]({img} "{words(rng, 5).capitalize()}")',
        "",
        "::: note",
        paragraph(rng, 2),
        ":::",
        "",
        paragraph(rng, 4),
        "",
        f"## {words(rng, 2).capitalize()} table",
        "",
        "| " + " | ".join(words(rng, 1).capitalize() for _ in range(4)) + " |",
        "|---|---|---|---|",
        *["| " + " | ".join(words(rng, 2) for _ in range(4)) + " |" for _ in range(8)],
        "",
        *[f"{k + 1}. {sentence(rng, 9)}" for k in range(5)],
        "",
        "```python",
        *[f"def {rng.choice(WORDS)}_{k}(x):\n    return x * {k}" for k in range(4)],
        "```",
        "",
        f"### {words(rng, 3).capitalize()}",
        "",
        "> " + paragraph(rng, 2),
        "",
        f"A passage in Swedish: [{' '.join(rng.choice(SV_WORDS) for _ in range(5))}]{{lang=sv}}.",
        "",
        "::: tip",
        paragraph(rng, 2),
        ":::",
        "",
        paragraph(rng, 5),
        "",
    ]
    if index < size.videos:
        parts += [f"![{words(rng, 3)}](../assets/video/clip-{index}.mp4)", ""]
    if index % 2 == 1 and size.images > 1:
        second = f"../assets/img/image-{(index + size.images // 2) % size.images:03d}.png"
        parts += [f"Inline image ![{words(rng, 2)}]({second}) in text.", ""]
    parts += [
        "{#summary}",
        "## Summary",
        "",
        paragraph(rng, 3),
        "",
        "```quiz",
        quiz_inline.rstrip("\n") if quiz_inline else f"file: quizzes/quiz-{index:03d}.yml",
        "```",
        "",
        f"[^1]: {sentence(rng, 10)}",
        "",
    ]
    return "\n".join(parts)


def course_yml(size: Size) -> str:
    """course.yml of the benchmark course."""
    return (
        "id: bench-course\n"
        "title: Benchmark course\n"
        "version: 1.0.0\n"
        "language: en\n"
        "description: A generated course for measuring build performance.\n"
        "organization: Benchmarks\n"
        "author: bench/generate.py\n"
        "mastery_score: 80\n"
        "completion: [viewed, passed]\n"
        f"size_budget_mb: {size.videos * size.video_mb + 50}\n"
        + (f"sco_mode: {size.sco_mode}\n" if size.sco_mode != "single" else "")
    )


def files(size: Size, seed: int) -> Iterator[tuple[str, str | bytes]]:
    """Every text and image file of the course (videos are written separately)."""
    rng = random.Random(seed)
    names = module_names(rng, size.modules)
    yield "course.yml", course_yml(size)
    for i, name in enumerate(names):
        quiz = quiz_yaml(random.Random(f"{seed}-quiz-{i}"), i, size)
        inline = quiz if i % 2 == 0 else None
        if inline is None:
            yield f"quizzes/quiz-{i:03d}.yml", quiz
        yield f"modules/{name}", module_md(random.Random(f"{seed}-mod-{i}"), i, names, size, inline)
    for k in range(size.images):
        yield f"assets/img/image-{k:03d}.png", png(48 + k % 17, 32 + k % 11, seed + k)
    for k in range(size.videos):
        yield f"assets/video/clip-{k}.vtt", vtt(random.Random(f"{seed}-vtt-{k}"))


def generate(out: Path, size: Size, seed: int = 1) -> Path:
    """Write the course into ``out`` (replacing it), unless the same course is already there."""
    params = {"size": asdict(size), "seed": seed, "format": 2}
    stamp = out / STAMP
    if stamp.is_file() and json.loads(stamp.read_text()) == params:
        return out
    if out.exists():
        shutil.rmtree(out)
    for rel, content in files(size, seed):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    for k in range(size.videos):
        write_video(out / f"assets/video/clip-{k}.mp4", size.video_mb, seed * 1000 + k)
    stamp.write_text(json.dumps(params, sort_keys=True))
    return out


def digest(root: Path) -> str:
    """A hash of every generated file, to show that generation is deterministic."""
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.name != STAMP):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        with path.open("rb") as fp:
            for block in iter(lambda: fp.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="default: bench/out/SIZE/course")
    parser.add_argument("--digest", action="store_true", help="print a hash of the files")
    args = parser.parse_args()
    out = args.out or Path(__file__).parent / "out" / args.size / "course"
    generate(out, SIZES[args.size], args.seed)
    print(out)
    if args.digest:
        print(digest(out))


if __name__ == "__main__":
    main()
