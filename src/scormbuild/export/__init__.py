"""``scormbuild export``: a course's quizzes as a Moodle question bank file (Moodle XML or GIFT)."""
