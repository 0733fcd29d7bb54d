"""``scormbuild import``: a Word, OpenDocument, HTML or Markdown guide into a course folder.

The stages, one module each: :mod:`.inputs` (what the file is, read with limits, its
metadata), :mod:`.prepare` (marks in the document what pandoc would drop silently),
:mod:`.pandoc` (the converter, run sandboxed), :mod:`.split` (one section per module),
:mod:`.inline` and :mod:`.blocks` (the pandoc tree as course Markdown), :mod:`.media` (images
under stable names), :mod:`.tables`, :mod:`.layout` (the course's files), :mod:`.variant` (a
second language's document onto the course's modules) and :mod:`.folder` (written whole or
not at all). ``commands/import_guide.py`` runs them.
"""
