"""``python -m confl10n`` runs the CLI."""

from confl10n.cli import main

main()
