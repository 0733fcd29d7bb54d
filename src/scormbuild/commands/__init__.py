"""One module per command, each a thin layer that runs the pipeline's stages for that command.

``build`` (load, check, render, package), ``check`` (load and check, a report), ``preview`` (a
live test LMS), ``new`` (a starter course) and ``validate`` (any SCORM 1.2 package). ``cli.py``
only wires flags to these.
"""
