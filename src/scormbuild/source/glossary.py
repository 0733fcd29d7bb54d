"""The course glossary: ``glossary.yml`` (and ``glossary.LANG.yml`` for each other language).

```yaml
retrospective:                     # the term's id: the same in every language
  term: Retrospective
  forms: [retrospectives, retro]   # optional: other words the text may mark
  definition: A facilitated meeting where the team looks back together.
```

Modules mark a term with ``[retrospectives]{.term}`` (its term or one of its forms, whatever
the case) or ``[the retro]{term=retrospective}`` (by id). The learner sees the definition in a
popover and all terms on the glossary page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markdown_it import MarkdownIt

from scormbuild.content import Term
from scormbuild.errors import Problem, SourceLocation, error
from scormbuild.limits import QUIZ_FILE_BYTES, TEXT_CHARS
from scormbuild.options import suggest
from scormbuild.source.markdown.env import SourceEnv
from scormbuild.source.markdown.inline import render_inline
from scormbuild.source.markdown.interactive.scenario import KEY_RE
from scormbuild.source.markdown.sanitize import clean
from scormbuild.source.paths import Files, PathProblem
from scormbuild.source.text import decode
from scormbuild.source.yamlbidi import YamlWarning
from scormbuild.source.yamlsrc import LineDict, YamlSyntaxError, load_yaml
from scormbuild.source.yamlwords import text_words

GLOSSARY = "glossary.yml"
ENTRY_KEYS = ("definition", "forms", "term")
DEFINITION_CHARS = 4000
TERMS = 2000
# How a term is written, for the errors of one written otherwise.
ENTRY_HINT = (
    "write a term as 'retro:' (its id) with 'term: Retrospective', 'definition: ...' and, if "
    "you like, 'forms: [retros]' under it (docs/format.md, Glossary)"
)


def glossary_path(suffix: str) -> str:
    """The glossary file of a language (``suffix`` is "" in the primary language)."""
    return f"glossary.{suffix}.yml" if suffix else GLOSSARY


def read_glossary(
    files: Files, suffix: str, md: MarkdownIt, labels: Mapping[str, str], required: bool
) -> tuple[tuple[Term, ...], list[Problem]]:
    """The glossary of one language, and its problems; ``required`` when the primary language
    has one (then every language needs its own)."""
    path = glossary_path(suffix)
    try:
        kind = files.kind(path)
        if kind == "missing":
            if required:
                message = f"missing {path}: the course has {GLOSSARY}"
                return (), [error(path, None, message, hint="translate its terms", code="missing")]
            return (), []
        data = files.read_bytes(path, QUIZ_FILE_BYTES)
    except PathProblem as exc:
        return (), [error(path, None, exc.message, hint=exc.hint, code=exc.code)]
    text, problems = decode(data, path)
    if text is None:
        return (), problems
    notes: list[YamlWarning] = []
    try:
        doc = load_yaml(text, warnings=notes)
    except YamlSyntaxError as exc:
        return (), [error(path, exc.line, exc.message, column=exc.column, hint=exc.hint)]
    problems += [note.problem(path) for note in notes]
    if not isinstance(doc, LineDict) or not doc or len(doc) > TERMS:
        hint = "e.g. 'retrospective:' then 'term:' and 'definition:' indented under it"
        message = f"{path} must map term ids to terms (at most {TERMS})"
        return (), [error(path, 1, message, hint=hint)]
    problems += [error(path, w.line, w.message, hint=w.hint) for w in text_words(doc)]
    terms: list[Term] = []
    for key, entry in doc.items():
        # The definitions are course text as a module's are: their raw HTML, links, images
        # and characters checked at their line, the HTML sanitized.
        source = SourceEnv(path, suffix, suffix, files, problems.append)
        term = _entry(source, doc, str(key), entry, md, labels, problems)
        if term is not None:
            terms.append(term)
    return tuple(terms), problems


def _entry(
    source: SourceEnv,
    doc: LineDict,
    key: str,
    entry: object,
    md: MarkdownIt,
    labels: Mapping[str, str],
    problems: list[Problem],
) -> Term | None:
    path = source.path
    line = doc.line_of(key)
    if not KEY_RE.match(key):
        message = f"term id '{key}' is not letters, digits and hyphens"
        problems.append(error(path, line, message, hint=ENTRY_HINT))
        return None
    if not isinstance(entry, LineDict):
        message = f"'{key}' needs 'term:' and 'definition:' under it"
        problems.append(error(path, line, message, hint=ENTRY_HINT))
        return None
    for name in entry:
        if name not in ENTRY_KEYS:
            hint = suggest(str(name), ENTRY_KEYS) or "keys: " + ", ".join(ENTRY_KEYS)
            problems.append(error(path, entry.line_of(name), f"unknown key '{name}'", hint=hint))
    term, definition, forms = entry.get("term"), entry.get("definition"), entry.get("forms", [])
    if not isinstance(term, str) or not term.strip() or len(term) > TEXT_CHARS:
        line = entry.line_of("term")
        problems.append(error(path, line, f"'{key}' needs 'term:', a text", hint=ENTRY_HINT))
        return None
    if not isinstance(definition, str) or not definition.strip():
        line = entry.line_of("definition")
        problems.append(error(path, line, f"'{key}' needs 'definition:'", hint=ENTRY_HINT))
        return None
    if len(definition) > DEFINITION_CHARS:
        message = f"the definition is longer than {DEFINITION_CHARS} characters"
        hint = "a definition is a sentence or two: say more in a module and link to it"
        line = entry.line_of("definition")
        problems.append(error(path, line, message, hint=hint, code="limit"))
        return None
    if not isinstance(forms, list) or not all(
        isinstance(f, str) and f.strip() and len(f) <= TEXT_CHARS for f in forms
    ):
        message = "'forms' must be a list of texts"
        hint = "list the other forms the text uses, e.g. forms: [retros, retrospectives]"
        problems.append(error(path, entry.line_of("forms"), message, hint=hint))
        return None
    at = source.text_at(path, entry.line_of("definition"), "yaml")
    html = clean(render_inline(md, definition.strip(), labels, at))
    forms_ = tuple(f.strip() for f in forms)
    files = tuple(dict.fromkeys(u.path for u in source.found.uses))
    return Term(key, term.strip(), html, forms_, SourceLocation(path, line), files)


def term_index(terms: tuple[Term, ...]) -> dict[str, str]:
    """Every word a text may mark (a term or one of its forms), casefolded, to the term's id."""
    index: dict[str, str] = {}
    for term in terms:
        for word in (term.term, *term.forms):
            index.setdefault(word.casefold(), term.id)
    return index


def glossary_parity(
    glossaries: Sequence[tuple[Term, ...]], languages: Sequence[str]
) -> list[Problem]:
    """Every language's glossary has the primary one's term ids, no more and no fewer."""
    problems: list[Problem] = []
    primary = [t.id for t in glossaries[0]]
    for index, terms in enumerate(glossaries[1:], start=1):
        if not terms:
            continue  # missing or unreadable: reported where it was read
        ids = {t.id for t in terms}
        path = glossary_path(languages[index])
        for term in terms:
            if term.id not in primary:
                at = term.at.line if term.at else None
                message = f"term '{term.id}' is not in {GLOSSARY}"
                problems.append(
                    error(
                        path,
                        at,
                        message,
                        hint="the ids are the same in every language",
                        code="parity",
                    )
                )
        missing = [i for i in primary if i not in ids]
        if missing:
            message = f"terms of {GLOSSARY} missing here: {', '.join(missing)}"
            hint = "the ids are the same in every language: translate each term"
            problems.append(error(path, None, message, hint=hint, code="parity"))
    return problems
