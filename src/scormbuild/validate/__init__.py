"""The stages of ``validate``: reading an archive safely, the manifest rules, the schemas and the
report. :func:`scormbuild.commands.validate.validate_package` puts them together."""
