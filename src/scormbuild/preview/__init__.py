"""The live preview's parts: the HTTP server, the site state between rebuilds and the watcher.

:func:`scormbuild.commands.preview.serve` puts them together.
"""
