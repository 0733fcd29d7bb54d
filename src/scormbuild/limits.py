"""The limits on what a course may hold, declared once; docs/format.md lists them.

A course comes from whoever wrote it, so every reader works under a bound: no file, YAML
document or list can make a load hang or grow without limit. Each limit is far above what a
real course needs, and going over one is reported at the file (and line) with its own message.
"""

from __future__ import annotations

MB = 1024 * 1024

# Sizes of the files the loader reads as text.
COURSE_YML_BYTES = 1 * MB
MODULE_BYTES = 2 * MB  # a module file, front matter included
QUIZ_FILE_BYTES = 2 * MB
HTML_ASSET_BYTES = 5 * MB  # an HTML or SVG file in assets/, which is read and checked
TEMPLATE_BYTES = 2 * MB  # a file in a course's templates/

# A YAML document (course.yml, a quiz file, a module's front matter, an inline quiz).
YAML_NODES = 200_000  # values after every alias is expanded: an alias bomb stops here
YAML_DEPTH = 64  # mappings and lists inside each other

# Counts.
MODULES = 1000  # module files per language
QUIZZES_PER_MODULE = 100
QUESTIONS_PER_QUIZ = 1000
ASSETS = 10_000  # files under assets/
TEMPLATES = 200  # files under templates/
TEMPLATE_NAMES = 100  # names put together in templates/ ('assets/{{ x }}.pdf') that count
LISTED = 20_000  # names of one folder read to suggest the file a missing path meant

# What one parse of a module's Markdown may make (scormbuild.source.markdown.sizes): a token
# takes a few hundred bytes, so these bound the memory a module of at most MODULE_BYTES takes.
MARKDOWN_TOKENS = 250_000  # paragraphs, list items, cells, emphasis, links... of one text
MARKDOWN_LINES = 100_000  # lines of one text
PARAGRAPH_CHARS = 20_000  # characters of one paragraph, heading or table cell
TABLE_COLUMNS = 64
TABLE_CELLS = 20_000  # columns x rows (the header row included) of one table

# Interactive blocks (::: tabs, accordion, cards, steps, graphic, scenario, reflection).
BLOCKS_PER_MODULE = 100
BLOCK_ITEMS = 100  # tabs, panels, cards, steps, markers, or scenes and endings of one block
CHOICES = 26  # choices of a question (a..z), so endings of a scored scenario

# Text fields that end up in the manifest and in the LMS's database.
TITLE_CHARS = 200  # imscp:title in the ADL schema (Moodle's own column holds 255)
ID_CHARS = 64  # the course id: part of file names and of every identifier in the manifest
VERSION_CHARS = 32
LANGUAGE_CHARS = 35  # a BCP 47 tag such as 'sv-FI' is far shorter
DESCRIPTION_CHARS = 2000  # LOM langstring, shown in the LMS catalogue
TEXT_CHARS = 1000  # organization, author, a keyword, logo_alt, a UI string

# A course's own templates, per render of one page (scormbuild.render.budget).
TEMPLATE_STEPS = 1_000_000  # turns of loops and calls: nested loops over range() stop here
TEMPLATE_CHARS = 32 * MB  # characters of any text a template makes, its output included
TEMPLATE_ITEMS = 1_000_000  # items of any list (or mapping) a template makes

# Numbers: what a whole number or a decimal in a course may be, at most.
NUMBER_DIGITS = 15  # digits before the point; a float holds 15 exactly

__all__ = [
    "ASSETS",
    "BLOCKS_PER_MODULE",
    "BLOCK_ITEMS",
    "CHOICES",
    "COURSE_YML_BYTES",
    "DESCRIPTION_CHARS",
    "HTML_ASSET_BYTES",
    "ID_CHARS",
    "LANGUAGE_CHARS",
    "LISTED",
    "MARKDOWN_LINES",
    "MARKDOWN_TOKENS",
    "MB",
    "MODULES",
    "MODULE_BYTES",
    "NUMBER_DIGITS",
    "PARAGRAPH_CHARS",
    "QUESTIONS_PER_QUIZ",
    "QUIZZES_PER_MODULE",
    "QUIZ_FILE_BYTES",
    "TABLE_CELLS",
    "TABLE_COLUMNS",
    "TEMPLATES",
    "TEMPLATE_BYTES",
    "TEMPLATE_CHARS",
    "TEMPLATE_ITEMS",
    "TEMPLATE_NAMES",
    "TEMPLATE_STEPS",
    "TEXT_CHARS",
    "TITLE_CHARS",
    "VERSION_CHARS",
    "YAML_DEPTH",
    "YAML_NODES",
]
