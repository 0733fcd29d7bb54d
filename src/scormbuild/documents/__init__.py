"""The documents written beside each package: the Moodle settings sheet and the draft
accessibility statement."""
