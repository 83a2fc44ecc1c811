"""Figures across a translation: placeholders (protect), reading them back (readback),
numeric QA (qa) and the sentence wrapper that ties them to an engine (wrapper)."""
