"""``scormbuild diff``: what an update of a course does to the learners already in it.

:mod:`~scormbuild.diff.read` reads each side (a package, or a course folder built in
memory), :mod:`~scormbuild.diff.compare` and :mod:`~scormbuild.diff.quizzes` find the
changes and their effects, :mod:`~scormbuild.diff.report` gives the verdict.
"""
