"""The version of confl10n (one place; ``confl10n.__version__`` reads it from here)."""

__version__ = "0.1.0"
