"""The source side: ``course.yml``, the YAML and text readers, the Markdown plugins, and the
loader that turns a course folder into the model (:mod:`scormbuild.model`), with its checks."""
