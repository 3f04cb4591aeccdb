"""The monitoring database's tables, as SQL, version by version.

Each version is a sequence of statements that turns the previous version into it; a new
database runs them all in order (:mod:`ontrack.store.migrations`). Never edit a released
version: add a new one. docs/data.md describes the resulting schema.
"""

from __future__ import annotations

from typing import Tuple

__all__ = ["VERSION_1", "VERSION_2", "VERSION_3"]

# Plans, their indicators, vintages (one per import) and observations broken down by sex and area.
VERSION_1: Tuple[str, ...] = (
    """CREATE TABLE schema_version (
        version INTEGER NOT NULL
    )""",
    """CREATE TABLE plan (
        id TEXT PRIMARY KEY,
        json TEXT NOT NULL,             -- the plan file as ontrack writes it
        saved_at TEXT NOT NULL          -- UTC, ISO 8601
    )""",
    """CREATE TABLE indicator (
        plan_id TEXT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        unit TEXT NOT NULL,
        scale TEXT NOT NULL,
        responsible_units TEXT NOT NULL,  -- separated by 、
        PRIMARY KEY (plan_id, id)
    )""",
    """CREATE TABLE vintage (
        id INTEGER PRIMARY KEY,
        plan_id TEXT NOT NULL REFERENCES plan (id),
        recorded_at TEXT NOT NULL,      -- UTC, ISO 8601 with microseconds; increases with id
        submitted_by TEXT NOT NULL,     -- the responsible unit(s), or empty
        file TEXT NOT NULL,             -- the imported file's name, or empty
        sha256 TEXT NOT NULL,           -- the imported file's SHA-256, hex, or empty
        source TEXT NOT NULL
    )""",
    """CREATE TABLE observation (
        vintage_id INTEGER NOT NULL REFERENCES vintage (id),
        indicator TEXT NOT NULL,
        year INTEGER NOT NULL,
        sex TEXT NOT NULL CHECK (sex IN ('', 'female', 'male')),
        area TEXT NOT NULL CHECK (area IN ('', 'urban', 'rural')),
        value REAL NOT NULL,
        numerator REAL,
        denominator REAL,
        source TEXT NOT NULL,
        flag TEXT NOT NULL CHECK (flag IN ('', 'estimated', 'provisional', 'derived')),
        PRIMARY KEY (vintage_id, indicator, sex, area, year)
    ) WITHOUT ROWID""",
)

# Region and age join sex and area as breakdowns. They are part of the key, and SQLite cannot
# change a primary key in place, so the table is rebuilt; existing rows are totals in both.
VERSION_2: Tuple[str, ...] = (
    """CREATE TABLE observation_v2 (
        vintage_id INTEGER NOT NULL REFERENCES vintage (id),
        indicator TEXT NOT NULL,
        year INTEGER NOT NULL,
        sex TEXT NOT NULL CHECK (sex IN ('', 'female', 'male')),
        area TEXT NOT NULL CHECK (area IN ('', 'urban', 'rural')),
        region TEXT NOT NULL,
        age TEXT NOT NULL,
        value REAL NOT NULL,
        numerator REAL,
        denominator REAL,
        source TEXT NOT NULL,
        flag TEXT NOT NULL CHECK (flag IN ('', 'estimated', 'provisional', 'derived')),
        PRIMARY KEY (vintage_id, indicator, sex, area, region, age, year)
    ) WITHOUT ROWID""",
    """INSERT INTO observation_v2
        SELECT vintage_id, indicator, year, sex, area, '', '', value, numerator, denominator,
            source, flag
        FROM observation""",
    "DROP TABLE observation",
    "ALTER TABLE observation_v2 RENAME TO observation",
    "CREATE INDEX vintage_by_plan ON vintage (plan_id, recorded_at)",
)

# Plans are versioned, and milestone progress is kept like values. Every version of a plan an import was checked against is kept, named by
# the SHA-256 of its JSON (sha256_hex, registered on the connection by the migration), and each
# vintage names its version. Existing vintages get the version stored at migration time.
VERSION_3: Tuple[str, ...] = (
    """CREATE TABLE plan_version (
        plan_id TEXT NOT NULL REFERENCES plan (id),
        sha256 TEXT NOT NULL,           -- of the plan file as ontrack writes it, hex
        json TEXT NOT NULL,
        saved_at TEXT NOT NULL,         -- UTC, ISO 8601
        PRIMARY KEY (plan_id, sha256)
    )""",
    """INSERT INTO plan_version (plan_id, sha256, json, saved_at)
        SELECT id, sha256_hex(json), json, saved_at FROM plan""",
    "ALTER TABLE vintage ADD COLUMN plan_sha256 TEXT NOT NULL DEFAULT ''",
    """UPDATE vintage SET plan_sha256 =
        (SELECT sha256_hex(json) FROM plan WHERE plan.id = vintage.plan_id)""",
    """CREATE TABLE milestone_progress (
        vintage_id INTEGER NOT NULL REFERENCES vintage (id),
        indicator TEXT NOT NULL,
        target_index INTEGER NOT NULL,  -- the milestone's position among the indicator's targets
        status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'achieved')),
        date TEXT NOT NULL,             -- ISO 8601 date of the report
        evidence TEXT NOT NULL,
        unit TEXT NOT NULL,             -- the reporting unit
        PRIMARY KEY (vintage_id, indicator, target_index)
    ) WITHOUT ROWID""",
)
