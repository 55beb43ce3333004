"""``kb merge`` and ``kb split``: record a maintainer's decision in the overrides file.

Both add one entry to the overrides file (data/overrides.yml of this project,
``--overrides`` or ``$KB_OVERRIDES``), keeping its leading comment block, and
the next ``kb build`` / ``kb resolve`` applies it (see :mod:`kb.overrides`).
"""

from __future__ import annotations

from pathlib import Path

import click
import yaml

from kb.overrides import OverridesError, default_overrides_path, load_overrides


def add_override(path: Path, section: str, entry: dict) -> None:
    """Append ``entry`` to ``section`` of the overrides file at ``path`` (created
    if missing), checking the result; raises OverridesError naming the file."""
    header, data = "", {}
    if path.exists():
        load_overrides(path)
        text = path.read_text(encoding="utf-8")
        header = "".join(line for line in text.splitlines(keepends=True)[:200]
                         if line.startswith("#"))
        data = yaml.safe_load(text) or {}
    entries = data.setdefault(section, [])
    if entry in entries:
        return
    entries.append(entry)
    ordered = {name: data.get(name) or [] for name in ("merge", "split", "pin", "correct")}
    body = yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    previous = path.read_text(encoding="utf-8") if path.exists() else None
    path.write_text(header + body, encoding="utf-8")
    try:
        load_overrides(path)
    except OverridesError:
        if previous is None:
            path.unlink()
        else:
            path.write_text(previous, encoding="utf-8")
        raise


def overrides_path_option(function):
    return click.option(
        "--overrides", "overrides_path", type=click.Path(dir_okay=False, path_type=Path),
        envvar="KB_OVERRIDES", show_envvar=True,
        help="Overrides file to add to [default: data/overrides.yml of this project].",
    )(function)


def record(overrides_path, section: str, entry: dict) -> Path:
    path = overrides_path or default_overrides_path()
    try:
        add_override(path, section, entry)
    except OverridesError as error:
        raise click.ClickException(str(error))
    return path


@click.command()
@click.argument("old_ids", nargs=-1, required=True)
@click.option("--into", "new_id", required=True, help="The incident they are part of.")
@click.option("--reason", required=True, help="Why they are one incident (kept in the merge log).")
@overrides_path_option
def merge(old_ids, new_id, reason, overrides_path):
    """Record that incidents are one: OLD_IDS merge into --into.

    Adds a merge to the overrides file; the next `kb build` applies it: the
    old ids redirect to the new one (in Datasette and `kb explain`) and the
    merge log says why. Nothing is deleted; `kb split` undoes it.

    Example: kb merge 2025-12-amazon-kiro-2 --into 2025-12-amazon-kiro --reason "same outage"
    """
    if new_id in old_ids:
        raise click.ClickException(f"--into {new_id}: cannot merge an incident into itself")
    path = record(overrides_path, "merge", {"from": list(old_ids), "into": new_id,
                                            "reason": reason})
    click.echo(f"recorded in {path}: merge {', '.join(old_ids)} into {new_id}; "
               "run `kb build` to apply it")


@click.command()
@click.argument("incident_id")
@click.option("--report", "reports", multiple=True, required=True, metavar="REPORT",
              help="A report (URL, origin or end of its path) that tells another incident "
                   "(repeatable).")
@click.option("--new-id", help="Id of the incident they move to [default: a new id].")
@click.option("--reason", required=True, help="Why they are another incident (kept in the log).")
@overrides_path_option
def split(incident_id, reports, new_id, reason, overrides_path):
    """Record that some reports of INCIDENT_ID tell another incident.

    Adds a split to the overrides file; the next `kb build` moves those
    reports to the new incident (--new-id, or a new id) and logs the split.
    Giving --new-id an id that was merged away brings it back.

    Example: kb split 2025-12-amazon-kiro --report https://example.com/a --reason "second outage"
    """
    entry = {"incident": incident_id, "reports": list(reports), "reason": reason}
    if new_id:
        entry["new_id"] = new_id
    path = record(overrides_path, "split", entry)
    click.echo(f"recorded in {path}: split {len(reports)} report(s) out of {incident_id}; "
               "run `kb build` to apply it")
