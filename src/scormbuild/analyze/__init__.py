"""``scormbuild analyze``: item analysis from the reports of a Moodle SCORM activity."""
