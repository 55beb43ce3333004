"""``kb publish``: write the public build of the knowledge base."""

from __future__ import annotations

from pathlib import Path

import click

from kb.cli import db_option


@click.command()
@db_option
@click.option("--out", "out_path", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the public database (replaced if it exists).")
def publish(db_path, out_path):
    """Write a copy of the knowledge base fit to publish.

    The copy keeps report titles, links, publishers and dates, every
    incident, extracted field, evidence sentence and company statement, and
    leaves out the full article text (it belongs to its publishers), the
    reports' extra metadata and private tables (raw-store index, anything
    not meant for the public). Serve it with `kb serve --public --db OUT`.

    Example: kb publish --out public/kb.db
    """
    from kb.publish import PublishError, publish as write_public_build

    click.echo(f"writing the public build of {db_path} to {out_path}", err=True)
    try:
        summary = write_public_build(db_path, out_path)
    except PublishError as error:
        raise click.ClickException(str(error))
    dropped = f"; left out tables: {', '.join(summary.dropped_tables)}" if summary.dropped_tables else ""
    click.echo(f"published {summary.reports} reports (without their text) and "
               f"{summary.incidents} incidents to {out_path} "
               f"({summary.size_bytes / 1e6:.1f} MB){dropped}")
