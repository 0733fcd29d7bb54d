"""scormbuild: compile Markdown courses with YAML quizzes into SCORM 1.2 packages."""

__version__ = "0.1.0"
