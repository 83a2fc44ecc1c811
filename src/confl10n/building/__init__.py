"""A build: plan, run, assemble bulletins, the project's config file, the doctor's checks."""
