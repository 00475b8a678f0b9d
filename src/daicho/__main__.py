"""``python -m daicho`` runs the CLI."""

from daicho.cli import run

run()
