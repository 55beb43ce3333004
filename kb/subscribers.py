"""Digest subscribers: who gets the weekly email, with optional filters.

A subscriber is one row of the ``subscribers`` table (migration 0007):
email address, optional JSON lists of vendors and agents (the digest then
only carries incidents of those), a random unsubscribe token that every
email carries, and a status ("active" or "unsubscribed"). Addresses are
validated with the standard library's :class:`email.headerregistry.Address`
so nothing that could break a header (line breaks, several addresses) is
ever stored.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from email.errors import HeaderParseError
from email.headerregistry import Address
from typing import Optional

import sqlite_utils

from kb.db import utc_now


class SubscriberError(ValueError):
    """A bad address, or an address or token that is not subscribed."""


@dataclass
class Subscriber:
    """One active subscriber; ``vendors``/``agents`` empty means everything."""

    id: int
    email: str
    token: str
    vendors: list[str] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)

    def wants(self, incident: dict) -> bool:
        """True when the incident (a dict with ``vendor`` and ``agent``) passes the filters.

        Vendors and agents compare case-insensitively; with both filters set
        an incident matching either is wanted.
        """
        if not self.vendors and not self.agents:
            return True
        vendor = (incident.get("vendor") or "").casefold()
        agent = (incident.get("agent") or "").casefold()
        return (vendor in {v.casefold() for v in self.vendors}
                or agent in {a.casefold() for a in self.agents})


def normalise_email(value: str) -> str:
    """The address as stored: one bare ``local@domain``, lower-cased (one row per mailbox).

    Raises SubscriberError for anything else (a display name, several
    addresses, control characters, no domain).
    """
    text = (value or "").strip()
    if not text or any(ord(c) < 32 or c == "\x7f" for c in text) or " " in text:
        raise SubscriberError(f"{value!r}: not an email address")
    try:
        address = Address(addr_spec=text)
    except (HeaderParseError, ValueError, IndexError) as error:
        raise SubscriberError(f"{value!r}: not an email address ({error})") from None
    if not address.username or "." not in address.domain:
        raise SubscriberError(f"{value!r}: not an email address (needs user@domain.tld)")
    return f"{address.username}@{address.domain}".lower()


def _clean_names(names) -> list[str]:
    return sorted({" ".join(name.split()) for name in names or () if name and name.strip()},
                  key=str.casefold)


def subscribe(db: sqlite_utils.Database, email: str, vendors=(), agents=()) -> tuple[Subscriber, str]:
    """Add or re-activate a subscriber; returns (subscriber, "added"|"updated"|"unchanged").

    Filters replace the previous ones; an unsubscribed address becomes
    active again with its old token. Raises SubscriberError for a bad address.
    """
    address = normalise_email(email)
    vendors, agents = _clean_names(vendors), _clean_names(agents)
    row = next(db["subscribers"].rows_where("email = ?", [address]), None)
    values = {"vendors": json.dumps(vendors) if vendors else None,
              "agents": json.dumps(agents) if agents else None, "status": "active"}
    now = utc_now()
    with db.conn:
        if row is None:
            token = secrets.token_urlsafe(24)
            subscriber_id = db["subscribers"].insert(
                {"email": address, "token": token, **values, "created_at": now, "updated_at": now}
            ).last_pk
            outcome = "added"
        else:
            token, subscriber_id = row["token"], row["id"]
            if all(row[name] == value for name, value in values.items()):
                outcome = "unchanged"
            else:
                db["subscribers"].update(subscriber_id, {**values, "updated_at": now})
                outcome = "updated"
    return Subscriber(subscriber_id, address, token, vendors, agents), outcome


def unsubscribe(db: sqlite_utils.Database, email: Optional[str] = None,
                token: Optional[str] = None) -> str:
    """Mark the subscriber with this address or token unsubscribed; returns the address.

    The row stays (so the digests history keeps its meaning). Raises
    SubscriberError when neither matches a subscriber.
    """
    if token:
        row = next(db["subscribers"].rows_where("token = ?", [token.strip()]), None)
        what = "token"
    else:
        row = next(db["subscribers"].rows_where("email = ?", [normalise_email(email)]), None)
        what = email
    if row is None:
        raise SubscriberError(f"{what}: no such subscriber")
    if row["status"] != "unsubscribed":
        db["subscribers"].update(row["id"], {"status": "unsubscribed", "updated_at": utc_now()})
    return row["email"]


def active_subscribers(db: sqlite_utils.Database) -> list[Subscriber]:
    """Every active subscriber, oldest first."""
    return [
        Subscriber(row["id"], row["email"], row["token"],
                   json.loads(row["vendors"] or "[]"), json.loads(row["agents"] or "[]"))
        for row in db.query("select * from subscribers where status = 'active' order by id")
    ]
