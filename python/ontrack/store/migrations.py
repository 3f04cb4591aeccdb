"""Bringing a monitoring database to the schema this ontrack writes.

The ``schema_version`` table holds one row, the version the database is at (no table: an empty
database, version 0). :func:`migrate` applies the missing steps in order, each in its own
transaction, so a database is always at some released version, never between two.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from typing import Tuple

from .._core import OntrackError
from . import schema

__all__ = ["LATEST_VERSION", "MIGRATIONS", "Migration", "migrate", "plan_sha256", "schema_version"]


@dataclass(frozen=True)
class Migration:
    """The statements that bring a database from ``version - 1`` to ``version``."""

    version: int
    summary: str
    statements: Tuple[str, ...]


MIGRATIONS: Tuple[Migration, ...] = (
    Migration(1, "plans, indicators, vintages; observations by sex and area", schema.VERSION_1),
    Migration(2, "region and age breakdowns of observations", schema.VERSION_2),
    Migration(
        3,
        "plan versions, named by each vintage; milestone progress",
        schema.VERSION_3,
    ),
)
LATEST_VERSION = MIGRATIONS[-1].version


def plan_sha256(plan_json: str) -> str:
    """A plan version's name: the SHA-256 (hex) of the plan's JSON as ontrack writes it."""
    return hashlib.sha256(plan_json.encode("utf-8")).hexdigest()


def schema_version(connection: sqlite3.Connection) -> int:
    """The database's schema version; 0 for an empty database."""
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if has_table is None:
        if connection.execute("SELECT 1 FROM sqlite_master").fetchone() is not None:
            raise OntrackError(
                "an SQLite database, but not an ontrack monitoring database "
                "(no schema_version table)"
            )
        return 0
    row = connection.execute("SELECT version FROM schema_version").fetchone()
    if row is None:
        return 0
    if not isinstance(row[0], int) or row[0] < 0:  # SQLite keeps whatever type was written
        raise OntrackError(
            f"schema_version holds {row[0]!r}, not a version number: a damaged database or "
            "not an ontrack monitoring database"
        )
    return row[0]


def migrate(connection: sqlite3.Connection, target: int = LATEST_VERSION) -> None:
    """Applies the migrations up to ``target``; the connection must be in autocommit mode.

    A step still missing takes the write lock and re-reads the version inside its transaction,
    so two processes opening an old database at once apply each step once.
    """
    connection.create_function("sha256_hex", 1, plan_sha256, deterministic=True)
    if schema_version(connection) > LATEST_VERSION:
        raise OntrackError(
            f"the database is at schema version {schema_version(connection)}, written by a newer "
            f"ontrack; this one reads up to version {LATEST_VERSION}"
        )
    for migration in MIGRATIONS[:target]:
        if schema_version(connection) >= migration.version:
            continue  # checked without a lock: opening a current database never waits for a writer
        connection.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(connection) < migration.version:
                for statement in migration.statements:
                    connection.execute(statement)
                connection.execute("DELETE FROM schema_version")
                connection.execute(
                    "INSERT INTO schema_version (version) VALUES (?)", (migration.version,)
                )
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:  # some errors end the transaction themselves
                connection.execute("ROLLBACK")
            raise
