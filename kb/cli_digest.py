"""The digest commands: ``kb subscribe``, ``kb unsubscribe``, ``kb digest``."""

from __future__ import annotations

import re
from pathlib import Path

import click

from kb.cli import db_option, open_database


@click.command()
@click.argument("email")
@click.option("--vendor", "vendors", multiple=True, metavar="V",
              help="Only incidents of this vendor (repeatable).")
@click.option("--agent", "agents", multiple=True, metavar="A",
              help="Only incidents of this agent (repeatable).")
@db_option
def subscribe(email, vendors, agents, db_path):
    """Subscribe EMAIL to the weekly digest, optionally only some vendors or agents.

    Without filters the subscriber gets every incident; with --vendor and/or
    --agent only incidents matching one of them (case-insensitive). Running
    it again replaces the filters, and re-activates an unsubscribed address.
    Each subscriber gets a private unsubscribe token used in every email.

    Example: kb subscribe ana@example.org --vendor Amazon --agent "Replit Agent"
    """
    from kb.subscribers import SubscriberError, subscribe as add

    db = open_database(db_path)
    try:
        subscriber, outcome = add(db, email, vendors, agents)
    except SubscriberError as error:
        raise click.ClickException(str(error))
    filters = ", ".join([*(f"vendor {v}" for v in subscriber.vendors),
                         *(f"agent {a}" for a in subscriber.agents)]) or "all incidents"
    click.echo(f"{outcome} {subscriber.email} ({filters})")


@click.command()
@click.argument("email", required=False)
@click.option("--token", help="The unsubscribe token from a digest's link or mailto subject.")
@db_option
def unsubscribe(email, token, db_path):
    """Stop the weekly digest for EMAIL (or for the subscriber holding --token).

    The subscriber's row stays, marked unsubscribed, so the record of what
    was sent keeps its meaning; `kb subscribe` re-activates it.

    Example: kb unsubscribe ana@example.org
    """
    from kb.subscribers import SubscriberError, unsubscribe as remove

    if bool(email) == bool(token):
        raise click.UsageError("give either EMAIL or --token")
    db = open_database(db_path)
    try:
        address = remove(db, email=email, token=token)
    except SubscriberError as error:
        raise click.ClickException(str(error))
    click.echo(f"unsubscribed {address}")


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9@._-]+", "_", text)[:80]


@click.command()
@click.option("--week", metavar="YYYY-Www",
              help="ISO week, e.g. 2026-W47 (default: the last complete week, UTC).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write one .eml per subscriber and an .html preview into this folder.")
@click.option("--send", is_flag=True, help="Send over SMTP to subscribers who have not had this week.")
@click.option("--force", is_flag=True, help="With --send: send again to those who already had it.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              envvar="KB_MAIL_CONFIG", show_envvar=True,
              help="YAML file of mail settings (smtp_host, smtp_port, smtp_user, smtp_password, "
                   "smtp_tls, smtp_from, site_url, unsubscribe_url); KB_* variables win.")
@click.option("--site-url", help="Published Datasette the links point to (default KB_SITE_URL).")
@db_option
def digest(week, out_dir, send, force, config_path, site_url, db_path):
    """Render (and send) the weekly digest of new and changed incidents.

    A week's new incidents are those that entered the knowledge base during
    it (incidents.created_at, UTC); changed ones gained reports or
    statements, had their values revised or absorbed a merged incident. The
    email (HTML with a plain-text alternative, Jinja2 templates in
    kb/templates/digest/) lists them with agent, vendor, action, blast
    radius and who was blamed, then the week in patterns against the
    previous four weeks and notable statements. Links point to KB_SITE_URL.

    Without --out or --send the plain-text digest is printed. --send uses
    KB_SMTP_HOST, KB_SMTP_PORT, KB_SMTP_USER, KB_SMTP_PASSWORD, KB_SMTP_TLS
    (starttls, ssl, none) and KB_SMTP_FROM over one connection; the digests
    table records who got which week, so a re-run sends nothing new (unless
    --force), failed recipients are retried and a crashed batch resumes.
    A week with nothing new sends nothing.

    Example: kb digest --week 2026-W47 --send
    """
    from kb.digest import (DEFAULT_SITE_URL, WeekError, build_message, parse_week, render,
                           select_week, unsubscribe_links)
    from kb.mailer import SendError, SettingsError, already_sent, attempts_of, load_settings, send_batch
    from kb.subscribers import Subscriber, active_subscribers

    if force and not send:
        raise click.UsageError("--force only makes sense with --send")
    try:
        chosen = parse_week(week)
        settings = load_settings(config_path)
    except (WeekError, SettingsError) as error:
        raise click.ClickException(str(error))
    site = (site_url or settings.site_url or DEFAULT_SITE_URL).rstrip("/")
    if not re.match(r"^https?://[^\s/]+", site):
        raise click.ClickException(f"--site-url {site!r}: not an http(s) URL")
    if send and not settings.host:
        raise click.ClickException("KB_SMTP_HOST is not set (needed by --send)")
    db = open_database(db_path)
    everything = select_week(db, chosen, site)
    if everything.empty:
        click.echo(f"{chosen.label}: no new or changed incidents; no digest")
        return
    summary = f"{chosen.label}: {len(everything.new)} new, {len(everything.changed)} changed incidents"
    # The unfiltered digest as a placeholder reader sees it (for printing and the preview).
    reader = Subscriber(0, "reader@example.org", "preview")
    _, preview_text, preview_html = render(
        everything, unsubscribe_links(reader, settings.sender, settings.unsubscribe_url)[0])
    if not out_dir and not send:
        click.echo(preview_text)
        return
    subscribers = active_subscribers(db)
    click.echo(f"{summary}; {len(subscribers)} active subscribers", err=True)
    if out_dir:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise click.ClickException(f"{out_dir}: cannot create folder ({error.strerror or error})")
        (out_dir / f"digest-{chosen.label}.html").write_text(preview_html, encoding="utf-8")
        written = 0
        for subscriber in subscribers:
            theirs = everything.for_subscriber(subscriber)
            if theirs.empty:
                continue
            message = build_message(theirs, subscriber, settings.sender, settings.unsubscribe_url)
            name = f"digest-{chosen.label}-{subscriber.id:04d}-{_safe_name(subscriber.email)}.eml"
            (out_dir / name).write_bytes(message.as_bytes())
            written += 1
        click.echo(f"wrote {written} .eml files and digest-{chosen.label}.html to {out_dir}")
    if not send:
        return
    done = set() if force else already_sent(db, chosen.label)
    skipped = {"sent": 0, "filtered": 0}

    def messages():
        for subscriber in subscribers:
            if subscriber.id in done:
                skipped["sent"] += 1
                continue
            theirs = everything.for_subscriber(subscriber)
            if theirs.empty:
                skipped["filtered"] += 1
                continue
            attempt = attempts_of(db, chosen.label, subscriber.id) if force else 0
            message = build_message(theirs, subscriber, settings.sender, settings.unsubscribe_url,
                                    attempt=attempt)
            yield subscriber, message, len(theirs.new) + len(theirs.changed)

    def progress(email, outcome):
        click.echo(f"  {email}: {outcome}", err=True)

    try:
        counts = send_batch(db, chosen.label, messages(), settings, progress)
    except (SendError, SettingsError) as error:
        raise click.ClickException(f"{error}; the next run resumes with the recipients not yet sent")
    click.echo(f"{chosen.label}: sent {counts['sent']}, failed {counts['failed']}, "
               f"already sent {skipped['sent']}, nothing for their filters {skipped['filtered']}")
    if counts["failed"]:
        raise click.ClickException(f"{counts['failed']} recipients failed; the next run retries them")
