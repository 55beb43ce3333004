"""Keep the digest's private tables (subscribers, digests) out of Datasette.

The tables hold email addresses and unsubscribe tokens. metadata.yml hides
them from the table list and forbids their pages (``allow: false``); this plugin installs an SQLite authorizer on every
connection Datasette opens so that no query (table page, canned or custom
SQL) can read their columns; only their row counts stay visible. Public builds leave the tables out altogether.
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

#: Tables no Datasette query may read.
PRIVATE_TABLES = frozenset({"subscribers", "digests"})


def _authorizer(action, table, column, database, source):
    # column is "" when only the row count is read (Datasette's table counts).
    if action == sqlite3.SQLITE_READ and table in PRIVATE_TABLES and column:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


@hookimpl
def prepare_connection(conn):
    """Deny reading the private tables on this connection."""
    conn.set_authorizer(_authorizer)
