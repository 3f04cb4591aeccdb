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
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple, TypeVar, Union, cast

from .._core import FileError, InvalidInputError, NotFoundError, OntrackError, Plan
from ..io.excel import read_template
from ..messages import Message
from ..milestones import MilestoneProgress
from ..io.tables import PathLike, read_observations, write_table
from ..observations import (
    ImportValidationError,
    ObservationRecord,
    Observations,
    Problem,
    sort_problems,
)
from ..vintages import vintage_span
from .migrations import LATEST_VERSION, migrate, plan_sha256, schema_version

__all__ = ["Change", "ImportResult", "Store", "Vintage"]

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
    plan_version: str  #: SHA-256 of the plan the import was checked against


@dataclasses.dataclass(frozen=True)
class Change:
    """What one import did to one unit's values of one indicator, against the data before it."""

    unit: str
    indicator: str
    new: int
    revised: int
    unchanged: int


@dataclasses.dataclass(frozen=True)
class ImportResult:
    """An import: its vintage and what it changed. ``repeated``: the file (same SHA-256) was
    imported before and would change nothing, so nothing was recorded and ``vintage`` is the
    earlier import's."""

    vintage: Vintage
    changes: List[Change]
    repeated: bool = False


class Store:
    """A monitoring database file; created (unless ``create=False``: a missing file is then a
    :class:`FileError`) and brought to the current schema on opening.

    Use it as a context manager, or call :meth:`close`.
    """

    def __init__(self, path: PathLike, *, create: bool = True) -> None:
        self.path = os.fspath(path)
        if not create and not os.path.isfile(self.path):  # connecting would create an empty one
            raise FileError(f"{self.path}: no such database")
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
    ) -> ImportResult:
        """Records the observations as a new vintage, submitted by ``unit`` if given.

        ``plan`` is a stored plan's id, or a plan, stored (as a new plan version if it
        differs) in the same transaction. Everything is checked first
        (:meth:`Observations.problems`, and with ``unit`` that every indicator is the unit's);
        any problem raises :class:`ImportValidationError` and nothing is imported. Vintages in
        the input are replaced by the new vintage's time.
        """
        submission = check_submission(self._resolve(plan), observations, unit)
        return self._record(plan, Submitted(submission, unit or "", {}, "", ""), source)

    def import_file(
        self,
        path: PathLike,
        plan: Union[Plan, str],
        *,
        unit: Optional[str] = None,
        source: str = "",
    ) -> ImportResult:
        """Imports a filled collection workbook (.xlsx) or a tidy table (.csv, .parquet).

        ``plan`` as in :meth:`import_observations`. The vintage records the file's name and
        SHA-256 and who submitted it: ``unit``, else the units of the workbook's sheets that
        held values. A file imported before (same SHA-256) that would change nothing is not
        imported again: the result is the earlier vintage with ``repeated`` set.
        """
        return self.record_file(read_file(path, self._resolve(plan), unit), plan, source)

    def record_file(self, submitted: "Submitted", plan: Union[Plan, str], source: str = "") -> ImportResult:
        """Records a file read and checked by :func:`read_file` (so that a caller can check a
        file before a database is created for it)."""
        return self._record(plan, submitted, source)

    def _resolve(self, plan: Union[Plan, str]) -> Plan:
        return self.plan(plan) if isinstance(plan, str) else plan

    def _record(self, plan: Union[Plan, str], submitted: "Submitted", source: str) -> ImportResult:
        resolved = self._resolve(plan)
        with self._transaction() as connection:
            changes = _changes(connection, resolved.id, submitted)
            if submitted.sha256 and not any(c.new or c.revised for c in changes):
                earlier = connection.execute(
                    "SELECT id FROM vintage WHERE plan_id = ? AND sha256 = ? ORDER BY id DESC",
                    (resolved.id, submitted.sha256),
                ).fetchone()
                if earlier is not None:
                    return ImportResult(self._vintage(earlier[0]), changes, repeated=True)
            plan_version = _save_plan(connection, resolved) if isinstance(plan, Plan) else (
                _latest_plan_version(connection, resolved.id)
            )
            recorded_at = self._next_timestamp(connection)
            vintage_id = connection.execute(
                "INSERT INTO vintage (plan_id, recorded_at, submitted_by, file, sha256, source, "
                "plan_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    resolved.id,
                    recorded_at,
                    submitted.submitted_by,
                    submitted.file,
                    submitted.sha256,
                    source,
                    plan_version,
                ),
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
                    for r in submitted.observations
                ),
            )
            connection.executemany(
                "INSERT INTO milestone_progress (vintage_id, indicator, target_index, status, "
                "date, evidence, unit) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    (vintage_id, m.indicator, m.target_index, m.status, m.date, m.evidence, m.unit)
                    for m in submitted.milestones
                ),
            )
        assert vintage_id is not None
        return ImportResult(self._vintage(vintage_id), changes)

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

    _VINTAGE_COLUMNS = (
        "SELECT v.id, v.plan_id, v.recorded_at, v.submitted_by, v.file, v.sha256, v.source, "
        "(SELECT count(*) FROM observation o WHERE o.vintage_id = v.id), v.plan_sha256 "
        "FROM vintage v "
    )

    @_reading
    def vintages(self, plan_id: str) -> List[Vintage]:
        """The plan's vintages, oldest first."""
        rows = self._connection.execute(
            self._VINTAGE_COLUMNS + "WHERE v.plan_id = ? ORDER BY v.id", (plan_id,)
        )
        return [Vintage(*row) for row in rows]

    @_reading
    def _vintage(self, vintage_id: int) -> Vintage:
        row = self._connection.execute(
            self._VINTAGE_COLUMNS + "WHERE v.id = ?", (vintage_id,)
        ).fetchone()
        return Vintage(*row)

    @_reading
    def plan_version(self, plan_id: str) -> str:
        """The SHA-256 of the plan version the latest import of ``plan_id`` was checked against."""
        self.plan(plan_id)
        return _latest_plan_version(self._connection, plan_id)

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

    def vintages_as_of(self, plan_id: str, as_of_vintage: Optional[str] = None) -> List[Vintage]:
        """The vintages the data as of ``as_of_vintage`` (an ISO 8601 date or date-time; None:
        now) are made of. :class:`InvalidInputError` for a text that is not a vintage, and for
        a vintage before the plan's first import (no data stood then)."""
        vintages = self.vintages(plan_id)
        if as_of_vintage is None:
            return vintages
        until = vintage_span(as_of_vintage)[1]
        if not vintages or vintage_span(vintages[0].recorded_at)[0] > until:
            first = f"the first was recorded {vintages[0].recorded_at}" if vintages else "there are none"
            raise InvalidInputError(
                f"{self.path}: vintage {as_of_vintage} is before the first import of plan "
                f"{plan_id} ({first}): no data stood then"
            )
        return [v for v in vintages if vintage_span(v.recorded_at)[0] <= until]

    def milestones(
        self, plan_id: str, *, as_of_vintage: Optional[str] = None
    ) -> List[MilestoneProgress]:
        """Every milestone progress report of the plan up to ``as_of_vintage`` (None: all), oldest
        first; :func:`ontrack.milestones.apply_progress` takes the latest of each."""
        used = {v.id for v in self.vintages_as_of(plan_id, as_of_vintage)}
        rows = self._connection.execute(
            "SELECT m.vintage_id, m.indicator, m.target_index, m.status, m.date, m.evidence, "
            "m.unit, v.recorded_at FROM milestone_progress m JOIN vintage v ON v.id = m.vintage_id "
            "WHERE v.plan_id = ? ORDER BY v.id, m.indicator, m.target_index",
            (plan_id,),
        )
        return [MilestoneProgress(*row[1:]) for row in rows if row[0] in used]

    def observations(self, plan_id: str, *, as_of_vintage: Optional[str] = None) -> Observations:
        """The latest vintage of each value; with ``as_of_vintage`` (a vintage's ``recorded_at``,
        or a date such as ``"2026-03-01"``) the data as it stood then (see
        :meth:`vintages_as_of` for what is refused)."""
        self.vintages_as_of(plan_id, as_of_vintage)
        history = self.history(plan_id)
        return (
            history.as_of_vintage(as_of_vintage)
            if as_of_vintage is not None
            else history.latest_vintage()
        )

    def provenance(self, plan_id: str, as_of_vintage: Optional[str] = None) -> Dict[str, Any]:
        """What an evaluation read from the database, for its record: the database (file name
        and SHA-256 now), the vintage the data stood at, and the file hashes of the imports it
        is made of."""
        used = self.vintages_as_of(plan_id, as_of_vintage)
        with contextlib.suppress(sqlite3.Error):  # a read-only database is hashed as it is
            self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return {
            "database": {"file": Path(self.path).name, "sha256": _file_sha256(self.path)},
            "vintage": used[-1].recorded_at if used else None,
            "imports": [v.sha256 or f"vintage {v.recorded_at}" for v in used],
        }

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


def _save_plan(connection: sqlite3.Connection, plan: Plan) -> str:
    """Stores the plan as its current version (kept beside earlier versions); returns the
    version's SHA-256."""
    text = plan.to_json()
    version = plan_sha256(text)
    saved_at = _now().strftime(_TIMESTAMP)
    connection.execute(
        "INSERT INTO plan (id, json, saved_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE "
        "SET json = excluded.json, saved_at = excluded.saved_at WHERE json != excluded.json",
        (plan.id, text, saved_at),
    )
    connection.execute(
        "INSERT INTO plan_version (plan_id, sha256, json, saved_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        (plan.id, version, text, saved_at),
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
    return version


def _latest_plan_version(connection: sqlite3.Connection, plan_id: str) -> str:
    row = connection.execute(
        "SELECT plan_sha256 FROM vintage WHERE plan_id = ? ORDER BY id DESC LIMIT 1", (plan_id,)
    ).fetchone()
    if row is not None and row[0]:
        return str(row[0])
    stored = connection.execute("SELECT json FROM plan WHERE id = ?", (plan_id,)).fetchone()
    return plan_sha256(stored[0]) if stored is not None else ""


def _file_sha256(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as error:
        raise FileError(f"{path}: cannot read: {error.strerror or error}") from error


@dataclasses.dataclass(frozen=True)
class Submitted:
    """Observations read from a file and checked, ready to record: who submitted them (the
    unit of each workbook sheet, by sheet name), and the file's name and SHA-256."""

    observations: Observations
    submitted_by: str
    sheet_units: Dict[str, str]
    file: str
    sha256: str
    milestones: Tuple[MilestoneProgress, ...] = ()


def read_file(path: PathLike, plan: Plan, unit: Optional[str] = None) -> Submitted:
    """Reads a filled collection workbook (.xlsx) or a tidy table (.csv, .parquet) and checks
    it against ``plan`` (see :func:`check_submission`); writes nothing. ``unit`` is the
    submitting unit's key or its name in either language."""
    if unit is not None:
        unit = plan.find_unit(unit) or unit
    name = os.fspath(path)
    digest = _file_sha256(name)
    try:
        if Path(name).suffix.lower() in _WORKBOOKS:
            submission = read_template(name, plan, unit=unit)
            observations = submission.observations
            submitted_by, sheet_units = unit or "、".join(submission.units), submission.sheet_units
            milestones = tuple(submission.milestones)
        else:
            observations, submitted_by, sheet_units = read_observations(name), unit or "", {}
            milestones = ()
        observations = check_submission(plan, observations, unit, bool(milestones))
    except ImportValidationError as error:
        raise ImportValidationError(error.problems, "nothing imported", error.language) from None
    return Submitted(observations, submitted_by, sheet_units, Path(name).name, digest, milestones)


def check_submission(
    plan: Plan, observations: Observations, unit: Optional[str], has_milestones: bool = False
) -> Observations:
    """The observations as one new vintage will hold them, once checked: every problem of
    :meth:`Observations.problems`, and with ``unit`` that each indicator is the unit's.
    Raises :class:`ImportValidationError` listing every problem, sorted by place."""
    if unit is not None and unit not in plan.responsible_units():
        raise InvalidInputError(
            f"{unit!r} is responsible for no indicator of plan {plan.id} "
            f"(units: {'、'.join(plan.responsible_units())})"
        )
    # Duplicates are judged as the database will hold them: all in the one new vintage.
    incoming = Observations(dataclasses.replace(r, vintage="") for r in observations)
    problems = incoming.problems(plan)
    if unit is not None:
        own = {i.id for i in plan.indicators_of_unit(unit)}
        known = {i.id for i in plan.indicators()}
        problems.extend(
            Problem(Message("not_own_indicator_plain", {"indicator": r.indicator, "unit": unit}), r.origin)
            for r in incoming
            if r.indicator in known and r.indicator not in own
        )
    if not len(incoming) and not has_milestones:
        problems.append(Problem(Message("no_values")))
    if problems:
        raise ImportValidationError(sort_problems(problems), "nothing imported")
    return incoming


def _changes(connection: sqlite3.Connection, plan_id: str, submitted: Submitted) -> List[Change]:
    """New, revised and unchanged values per unit and indicator, against the latest stored
    value of each (value, counts and flag compared)."""
    stored: Dict[Tuple[object, ...], Tuple[object, ...]] = {}
    for row in connection.execute(
        "SELECT o.indicator, o.sex, o.area, o.region, o.age, o.year, o.value, o.numerator, "
        "o.denominator, o.flag FROM observation o JOIN vintage v ON v.id = o.vintage_id "
        "WHERE v.plan_id = ? ORDER BY v.id",
        (plan_id,),
    ):
        stored[row[:6]] = row[6:]  # later vintages overwrite earlier ones
    counts: Dict[Tuple[str, str], List[int]] = {}
    for r in submitted.observations:
        unit = submitted.sheet_units.get(r.origin.sheet or "", submitted.submitted_by)
        tally = counts.setdefault((unit, r.indicator), [0, 0, 0])
        before = stored.get(r.key)
        if before is None:
            tally[0] += 1
        elif before != (r.value, r.numerator, r.denominator, r.flag):
            tally[1] += 1
        else:
            tally[2] += 1
    reported: Dict[Tuple[object, ...], Tuple[object, ...]] = {}
    for row in connection.execute(
        "SELECT m.indicator, m.target_index, m.status, m.date, m.evidence, m.unit "
        "FROM milestone_progress m JOIN vintage v ON v.id = m.vintage_id "
        "WHERE v.plan_id = ? ORDER BY v.id",
        (plan_id,),
    ):
        reported[row[:2]] = row[2:]
    for m in submitted.milestones:
        tally = counts.setdefault((m.unit, m.indicator), [0, 0, 0])
        before = reported.get(m.key)
        now = (m.status, m.date, m.evidence, m.unit)
        tally[0 if before is None else 1 if before != now else 2] += 1
    return [Change(unit, indicator, *tally) for (unit, indicator), tally in counts.items()]


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)
