"""Sending the digest over SMTP, recording who got which week (``digests`` table).

Settings come from the environment (KB_SMTP_HOST, KB_SMTP_PORT,
KB_SMTP_USER, KB_SMTP_PASSWORD, KB_SMTP_TLS = starttls | ssl | none,
KB_SMTP_FROM, KB_SITE_URL, KB_UNSUBSCRIBE_URL) or a YAML config file with
the same names in lower case without the ``KB_`` prefix (``smtp_host``,
``site_url`` ...); the environment wins over the file.

:func:`send_batch` sends one week's digest to many subscribers over one
SMTP connection. Each recipient's row in ``digests`` is written before the
message goes out (status "sending") and after ("sent" or "failed" with the
server's answer), each in its own transaction, so a crash mid-batch leaves
a clear record: unsent and failed recipients are picked up by the next run,
sent ones are never sent again unless forced.
"""

from __future__ import annotations

import os
import re
import smtplib
import ssl
from dataclasses import dataclass
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.utils import parseaddr
from pathlib import Path
from typing import Callable, Iterable, Optional

import sqlite_utils

from kb.db import utc_now
from kb.yamlfile import read_yaml

DEFAULT_FROM = "Blast Radius <digest@localhost>"
TLS_MODES = ("starttls", "ssl", "none")
SETTINGS = ("smtp_host", "smtp_port", "smtp_user", "smtp_password", "smtp_tls", "smtp_from",
            "site_url", "unsubscribe_url")


class SettingsError(ValueError):
    """A missing or invalid mail setting (names the setting and the problem)."""


class SendError(RuntimeError):
    """The SMTP server could not be reached or dropped the connection."""


@dataclass
class MailSettings:
    """Where and how to send; ``tls`` is one of :data:`TLS_MODES`; ``port`` 0 = the mode's default."""

    host: Optional[str] = None
    port: int = 0
    user: Optional[str] = None
    password: Optional[str] = None
    tls: str = "starttls"
    sender: str = DEFAULT_FROM
    site_url: Optional[str] = None
    unsubscribe_url: Optional[str] = None

    @property
    def smtp_port(self) -> int:
        return self.port or {"ssl": 465, "starttls": 587, "none": 25}[self.tls]


def load_settings(config: Optional[Path] = None, environ: Optional[dict] = None) -> MailSettings:
    """Settings from the YAML ``config`` file (optional) overlaid with the environment.

    Raises SettingsError naming the file or variable for an unreadable file,
    an unknown key, a non-numeric port, an unknown TLS mode, a sender that
    is not an address or a site URL that is not http(s).
    """
    environ = os.environ if environ is None else environ
    values: dict = {}
    if config is not None:
        loaded = read_yaml(config, "mail settings", SettingsError)
        unknown = sorted(set(loaded) - set(SETTINGS))
        if unknown:
            raise SettingsError(f"{config}: unknown setting {unknown[0]!r} (known: {', '.join(SETTINGS)})")
        values.update({key: value for key, value in loaded.items() if value is not None})
    for name in SETTINGS:
        if environ.get(f"KB_{name.upper()}"):
            values[name] = environ[f"KB_{name.upper()}"]
    tls = str(values.get("smtp_tls") or "starttls").lower()
    if tls not in TLS_MODES:
        raise SettingsError(f"KB_SMTP_TLS={tls!r}: must be one of {', '.join(TLS_MODES)}")
    try:
        port = int(values.get("smtp_port") or 0)
    except (TypeError, ValueError):
        raise SettingsError(f"KB_SMTP_PORT={values.get('smtp_port')!r}: not a port number") from None
    sender = " ".join(str(values.get("smtp_from") or DEFAULT_FROM).split())
    name, address = parseaddr(sender)
    try:
        Address(display_name=name, addr_spec=address)
    except (ValueError, IndexError, HeaderParseError):
        address = ""
    if "@" not in address:
        raise SettingsError(f"KB_SMTP_FROM={sender!r}: not an address like 'Name <user@domain>'")
    site_url = values.get("site_url")
    if site_url and not re.match(r"^https?://[^\s/]+", str(site_url)):
        raise SettingsError(f"KB_SITE_URL={site_url!r}: not an http(s) URL")
    return MailSettings(
        host=values.get("smtp_host"), port=port, user=values.get("smtp_user"),
        password=values.get("smtp_password"), tls=tls,
        sender=sender, site_url=site_url,
        unsubscribe_url=values.get("unsubscribe_url"),
    )


def connect(settings: MailSettings, timeout: float = 30) -> smtplib.SMTP:
    """An open (and, with a user, logged-in) SMTP connection.

    Raises SettingsError without a host, SendError when the server cannot be
    reached or refuses the login.
    """
    if not settings.host:
        raise SettingsError("KB_SMTP_HOST is not set (needed by --send)")
    try:
        if settings.tls == "ssl":
            smtp = smtplib.SMTP_SSL(settings.host, settings.smtp_port, timeout=timeout,
                                    context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(settings.host, settings.smtp_port, timeout=timeout)
            if settings.tls == "starttls":
                smtp.starttls(context=ssl.create_default_context())
        if settings.user:
            smtp.login(settings.user, settings.password or "")
    except (OSError, smtplib.SMTPException) as error:
        raise SendError(f"{settings.host}:{settings.smtp_port}: cannot connect ({error})") from None
    return smtp


def already_sent(db: sqlite_utils.Database, week: str) -> set[int]:
    """Subscriber ids that received ``week``'s digest."""
    return {row["subscriber_id"] for row in db.query(
        "select subscriber_id from digests where week = ? and status = 'sent'", [week])}


def attempts_of(db: sqlite_utils.Database, week: str, subscriber_id: int) -> int:
    """How many times ``week``'s digest was handed to the server for this subscriber."""
    row = next(db["digests"].rows_where("week = ? and subscriber_id = ?", [week, subscriber_id]), None)
    return (row["attempts"] or 0) if row else 0


def record(db: sqlite_utils.Database, week: str, subscriber_id: int, email: str, status: str,
           **fields) -> None:
    """Upsert the (week, subscriber) row of ``digests`` in its own transaction."""
    with db.conn:
        db["digests"].upsert({"week": week, "subscriber_id": subscriber_id, "email": email,
                              "status": status, "updated_at": utc_now(), **fields},
                             pk=("week", "subscriber_id"))


def send_batch(db: sqlite_utils.Database, week: str, messages: Iterable,
               settings: MailSettings, progress: Optional[Callable[[str, str], None]] = None,
               smtp_factory: Callable[[MailSettings], smtplib.SMTP] = connect) -> dict:
    """Send each (subscriber, message, incident count) over one SMTP connection.

    ``messages`` yields (Subscriber, EmailMessage, int); built lazily, so a
    crash loses nothing already recorded. A recipient the server refuses is
    recorded "failed" (with the server's answer) and the batch goes on; a
    dropped connection records the current recipient "failed" and raises
    SendError (the rest stay unsent for the next run). ``progress(email,
    outcome)`` is called after each recipient. Returns {"sent": n, "failed": n}.
    """
    counts = {"sent": 0, "failed": 0}
    smtp = None
    try:
        for subscriber, message, incidents in messages:
            if smtp is None:
                smtp = smtp_factory(settings)
            attempts = attempts_of(db, week, subscriber.id) + 1
            record(db, week, subscriber.id, subscriber.email, "sending", attempts=attempts,
                   message_id=message["Message-ID"], incidents=incidents, error=None)
            try:
                refused = smtp.send_message(message, to_addrs=[subscriber.email])
            except smtplib.SMTPRecipientsRefused as error:
                refused = error.recipients
            except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
                refused = {subscriber.email: (error.smtp_code, error.smtp_error)}
            except (smtplib.SMTPServerDisconnected, OSError) as error:
                record(db, week, subscriber.id, subscriber.email, "failed", error=f"connection lost: {error}")
                counts["failed"] += 1
                raise SendError(f"{settings.host}: connection lost while sending to "
                                f"{subscriber.email} ({error})") from None
            if refused:
                code, answer = next(iter(refused.values()))
                answer = answer.decode("utf-8", "replace") if isinstance(answer, bytes) else str(answer)
                record(db, week, subscriber.id, subscriber.email, "failed", error=f"{code} {answer}")
                counts["failed"] += 1
                outcome = f"failed ({code} {answer})"
            else:
                record(db, week, subscriber.id, subscriber.email, "sent", sent_at=utc_now())
                counts["sent"] += 1
                outcome = "sent"
            if progress:
                progress(subscriber.email, outcome)
    finally:
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()
    return counts
