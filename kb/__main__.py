"""``python -m kb``: the same command line as the ``kb`` script (kb.cli)."""

from kb.cli import cli

cli(prog_name="kb")
