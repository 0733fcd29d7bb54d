"""Rendering: the model and the theme's templates into the package's HTML, CSS and JavaScript."""
