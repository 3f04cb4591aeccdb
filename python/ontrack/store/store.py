"""The monitoring database: plans, their indicators and every vintage of every observation.

An embedded SQLite file. Every import is a vintage: which unit submitted it, when, from which
file (with its SHA-256) and with what source. A revision never overwrites: a later vintage of a
value stands beside the earlier one, queries take the latest by default, and ``as_of_vintage``
gives exactly the data an earlier evaluation saw. An import is one transaction, so a file with
any problem imports nothing and a process killed mid-import leaves the database as it was. The
database runs in WAL mode, so readers read while a writer imports.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import hashlib
import os
import sqlite3
from pathlib import Path
from typing import Any, Callable, Iterator, List, Optional, TypeVar, Union, cast

from .._core import FileError, InvalidInputError, NotFoundError, OntrackError, Plan
from ..io.excel import read_template, responsible_units, unit_indicators
from ..io.tables import PathLike, read_observations, write_table
from ..observations import ImportValidationError, ObservationRecord, Observations, Problem
from .migrations import LATEST_VERSION, migrate, schema_version

__all__ = ["Store", "Vintage"]

_TIMESTAMP = "%Y-%m-%dT%H:%M:%S.%fZ"
_WORKBOOKS = (".xlsx", ".xlsm")


_Method = TypeVar("_Method", bound=Callable[..., Any])


def _reading(method: _Method) -> _Method:
    """A query whose SQLite errors (a damaged page, a locked file) become one clear error."""

    @functools.wraps(method)
    def wrapper(self: "Store", *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as error:
            raise OntrackError(
                f"{self.path}: cannot read the database ({error}): it may be damaged; restore "
                "it from a backup"
            ) from error

    return cast(_Method, wrapper)


@dataclasses.dataclass(frozen=True)
class Vintage:
    """One import: its time (``recorded_at``, the vintage of its observations) and provenance."""

    id: int
    plan_id: str
    recorded_at: str
    submitted_by: str
    file: str
    sha256: str
    source: str
    observations: int


class Store:
    """A monitoring database file; created (and brought to the current schema) on opening.

    Use it as a context manager, or call :meth:`close`.
    """

    def __init__(self, path: PathLike) -> None:
        self.path = os.fspath(path)
        #: True when the database can only be read here (the file or its directory is not
        #: writable): it is opened immutable, and imports are refused.
        self.read_only = os.path.isfile(self.path) and not (
            os.access(self.path, os.W_OK)
            and os.access(os.path.dirname(os.path.abspath(self.path)), os.W_OK)
        )
        try:
            # Autocommit mode: transactions are begun and ended explicitly below.
            if self.read_only:
                # Immutable: SQLite then needs no -wal/-shm files beside it, which it could not make.
                uri = Path(os.path.abspath(self.path)).as_uri() + "?mode=ro&immutable=1"
                self._connection = sqlite3.connect(uri, uri=True, isolation_level=None)
                if schema_version(self._connection) != LATEST_VERSION:
                    raise OntrackError(
                        f"the database is at schema version {schema_version(self._connection)} "
                        f"and read-only here: open it once where it can be written to bring it "
                        f"to version {LATEST_VERSION}"
                    )
            else:
                self._connection = sqlite3.connect(self.path, isolation_level=None, timeout=30)
                self._connection.execute("PRAGMA foreign_keys = ON")
                self._connection.execute("PRAGMA journal_mode = WAL")
                # FULL: an import reported as done survives a power cut, not only a crash.
                self._connection.execute("PRAGMA synchronous = FULL")
                migrate(self._connection)
        except sqlite3.DatabaseError as error:
            raise FileError(f"{self.path}: cannot open as an ontrack database: {error}") from error
        except OntrackError as error:
            raise type(error)(f"{self.path}: {error}") from error

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.path!r}>"

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction; IMMEDIATE takes the write lock at once, so two writers queue
        (for up to the connection's timeout) instead of failing half-way."""
        connection = self._connection
        if self.read_only:
            raise FileError(f"{self.path}: the database is read-only here (the file or its "
                            "directory is not writable): nothing written")
        try:
            damage = [row[0] for row in connection.execute("PRAGMA quick_check")]
        except sqlite3.DatabaseError as error:
            damage = [str(error)]
        if damage != ["ok"]:
            raise OntrackError(
                f"{self.path}: the database is damaged ({damage[0]}); nothing written: restore "
                "it from a backup"
            )
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            raise OntrackError(f"{self.path}: {error}") from error

    # -- plans -----------------------------------------------------------------------------

    def save_plan(self, plan: Plan) -> None:
        """Stores the plan (replacing an earlier version with the same id) and its indicators."""
        with self._transaction() as connection:
            _save_plan(connection, plan)

    @_reading
    def plan_ids(self) -> List[str]:
        return [row[0] for row in self._connection.execute("SELECT id FROM plan ORDER BY id")]

    @_reading
    def plan(self, plan_id: str) -> Plan:
        """The stored plan; NotFoundError if there is none with this id."""
        row = self._connection.execute("SELECT json FROM plan WHERE id = ?", (plan_id,)).fetchone()
        if row is None:
            stored = ", ".join(self.plan_ids()) or "none"
            raise NotFoundError(f"{self.path}: no plan {plan_id!r} (stored plans: {stored})")
        return Plan.from_json(row[0], f"{self.path}:{plan_id}")

    # -- imports ---------------------------------------------------------------------------

    def import_observations(
        self,
        plan: Union[Plan, str],
        observations: Observations,
        *,
        unit: Optional[str] = None,
        source: str = "",
    ) -> Vintage:
        """Records the observations as a new vintage, submitted by ``unit`` if given.

        ``plan`` is a stored plan's id, or a plan, stored (or updated) in the same transaction.
        Everything is checked first (:meth:`Observations.problems`, and with ``unit`` that
        every indicator is the unit's); any problem raises :class:`ImportValidationError` and
        nothing is imported. Vintages in the input are replaced by the new vintage's time.
        """
        resolved = self._resolve(plan)
        self._check(resolved, observations, unit)
        return self._record(plan, observations, unit or "", "", "", source)

    def import_file(
        self,
        path: PathLike,
        plan: Union[Plan, str],
        *,
        unit: Optional[str] = None,
        source: str = "",
    ) -> Vintage:
        """Imports a filled collection workbook (.xlsx) or a tidy table (.csv, .parquet).

        ``plan`` as in :meth:`import_observations`. The vintage records the file's name and
        SHA-256 and who submitted it: ``unit``, else the units of the workbook's sheets that
        held values.
        """
        resolved = self._resolve(plan)
        name = os.fspath(path)
        try:
            digest = hashlib.sha256(Path(name).read_bytes()).hexdigest()
        except OSError as error:
            raise FileError(f"{name}: cannot read: {error.strerror or error}") from error
        try:
            if Path(name).suffix.lower() in _WORKBOOKS:
                submission = read_template(name, resolved, unit=unit)
                observations, submitted_by = (
                    submission.observations,
                    unit or "、".join(submission.units),
                )
            else:
                observations, submitted_by = read_observations(name), unit or ""
            self._check(resolved, observations, unit)
        except ImportValidationError as error:
            raise ImportValidationError(error.problems, "nothing imported") from None
        return self._record(plan, observations, submitted_by, Path(name).name, digest, source)

    def _resolve(self, plan: Union[Plan, str]) -> Plan:
        return self.plan(plan) if isinstance(plan, str) else plan

    def _check(self, plan: Plan, observations: Observations, unit: Optional[str]) -> None:
        if unit is not None and unit not in responsible_units(plan):
            raise InvalidInputError(
                f"{unit!r} is responsible for no indicator of plan {plan.id} "
                f"(units: {'、'.join(responsible_units(plan))})"
            )
        # Duplicates are judged as the database will hold them: all in the one new vintage.
        incoming = Observations(dataclasses.replace(r, vintage="") for r in observations)
        problems = incoming.problems(plan)
        if unit is not None:
            own = {i.id for i in unit_indicators(plan, unit)}
            known = {i.id for i in plan.indicators()}
            problems.extend(
                Problem(f"{r.indicator} is not {unit}'s indicator", r.origin)
                for r in incoming
                if r.indicator in known and r.indicator not in own
            )
        if not len(incoming):
            problems.append(Problem("there are no values to import"))
        if problems:
            raise ImportValidationError(problems, "nothing imported")

    def _record(
        self,
        plan: Union[Plan, str],
        observations: Observations,
        submitted_by: str,
        file: str,
        sha256: str,
        source: str,
    ) -> Vintage:
        with self._transaction() as connection:
            if isinstance(plan, Plan):
                _save_plan(connection, plan)
            plan_id = plan.id if isinstance(plan, Plan) else plan
            recorded_at = self._next_timestamp(connection)
            vintage_id = connection.execute(
                "INSERT INTO vintage (plan_id, recorded_at, submitted_by, file, sha256, source) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (plan_id, recorded_at, submitted_by, file, sha256, source),
            ).lastrowid
            connection.executemany(
                "INSERT INTO observation (vintage_id, indicator, year, sex, area, region, age, "
                "value, numerator, "
                "denominator, source, flag) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        vintage_id,
                        r.indicator,
                        r.year,
                        r.sex,
                        r.area,
                        r.region,
                        r.age,
                        r.value,
                        r.numerator,
                        r.denominator,
                        r.source,
                        r.flag,
                    )
                    for r in observations
                ),
            )
        assert vintage_id is not None
        return Vintage(
            vintage_id, plan_id, recorded_at, submitted_by, file, sha256, source, len(observations)
        )

    @staticmethod
    def _next_timestamp(connection: sqlite3.Connection) -> str:
        """Now, or just after the last vintage if the clock says otherwise: vintages must keep
        increasing for ``as_of_vintage`` to mean what it says."""
        now = _now()
        last = connection.execute("SELECT max(recorded_at) FROM vintage").fetchone()[0]
        if last is not None:
            after_last = datetime.datetime.strptime(last, _TIMESTAMP).replace(
                tzinfo=datetime.timezone.utc
            )
            now = max(now, after_last + datetime.timedelta(microseconds=1))
        return now.strftime(_TIMESTAMP)

    # -- queries ---------------------------------------------------------------------------

    @_reading
    def vintages(self, plan_id: str) -> List[Vintage]:
        """The plan's vintages, oldest first."""
        rows = self._connection.execute(
            "SELECT v.id, v.plan_id, v.recorded_at, v.submitted_by, v.file, v.sha256, v.source, "
            "(SELECT count(*) FROM observation o WHERE o.vintage_id = v.id) "
            "FROM vintage v WHERE v.plan_id = ? ORDER BY v.id",
            (plan_id,),
        )
        return [Vintage(*row) for row in rows]

    @_reading
    def history(self, plan_id: str) -> Observations:
        """Every vintage of every observation of the plan; each record's vintage is its
        import's time."""
        self.plan(plan_id)  # NotFoundError for an unknown plan rather than an empty answer
        rows = self._connection.execute(
            "SELECT o.indicator, o.year, o.value, o.sex, o.area, o.region, o.age, o.numerator, "
            "o.denominator, o.source, o.flag, v.recorded_at "
            "FROM observation o JOIN vintage v ON v.id = o.vintage_id WHERE v.plan_id = ? "
            "ORDER BY v.id, o.indicator, o.sex, o.area, o.region, o.age, o.year",
            (plan_id,),
        )
        return Observations(ObservationRecord(*row) for row in rows)

    def observations(self, plan_id: str, *, as_of_vintage: Optional[str] = None) -> Observations:
        """The latest vintage of each value; with ``as_of_vintage`` (a vintage's ``recorded_at``,
        or a date such as ``"2026-03-01"``) the data as it stood then."""
        history = self.history(plan_id)
        return (
            history.as_of_vintage(as_of_vintage)
            if as_of_vintage is not None
            else history.latest_vintage()
        )

    def export(self, path: PathLike, plan_id: str) -> int:
        """Writes every vintage of every observation to a tidy CSV or Parquet file, with each
        vintage's provenance (``submitted_by``, ``file``, ``sha256``) beside it. Reading it back
        with :func:`ontrack.read_observations` gives :meth:`history` exactly. Returns the row
        count."""
        history = self.history(plan_id)
        provenance = {v.recorded_at: v for v in self.vintages(plan_id)}
        frame = history.to_frame()
        for column in ("submitted_by", "file", "sha256"):
            frame[column] = [getattr(provenance[r.vintage], column) for r in history]
        write_table(frame, path)
        return len(history)


def _save_plan(connection: sqlite3.Connection, plan: Plan) -> None:
    connection.execute(
        "INSERT INTO plan (id, json, saved_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE "
        "SET json = excluded.json, saved_at = excluded.saved_at WHERE json != excluded.json",
        (plan.id, plan.to_json(), _now().strftime(_TIMESTAMP)),
    )
    connection.execute("DELETE FROM indicator WHERE plan_id = ?", (plan.id,))
    connection.executemany(
        "INSERT INTO indicator (plan_id, id, name_zh, name_en, unit, scale, responsible_units) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                plan.id,
                i.id,
                i.name.zh,
                i.name.en,
                i.unit,
                i.scale.name,
                "、".join(plan.responsible_units_of(plan.goal_of(i.id))),
            )
            for i in plan.indicators()
        ],
    )


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)
