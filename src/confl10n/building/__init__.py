"""A build: its options, the plan (checked before any work), the run, the bulletins
assembled from each stage's results, the project's config file, and the doctor's checks."""
