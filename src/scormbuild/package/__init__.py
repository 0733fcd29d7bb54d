"""The package: the manifest, the suspend_data codec's bound, and the reproducible zip writer."""
