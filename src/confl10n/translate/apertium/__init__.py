"""The Apertium engine: the Debian ``apertium`` command, its stream format and packages."""
