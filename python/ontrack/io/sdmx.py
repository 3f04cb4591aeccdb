"""SDMX-CSV, the form in which the UN SDG Global Database and Eurostat export data.

A small mapping file (YAML or JSON) says which series become which ontrack indicator, which
reference area to keep and how the SEX, URBANISATION and OBS_STATUS codes read::

    series:
      SH_STA_MORT: mmr                 # series (or INDICATOR) code -> indicator id
      SE_TOT_CPLR: {indicator: compulsory_consolidation, factor: 1}
    ref_area: "156"                    # one code or a list
    keep: {AGE: _T, REPORTING_TYPE: G} # other columns: the codes of the rows to keep
    sex: {F: female, M: male, _T: ""}  # the defaults; entries here add to or replace them
    urbanisation: {U: urban, R: rural, _T: ""}
    obs_status: {A: "", E: estimated, P: provisional}
    columns: {REF_AREA: geo, OBS_STATUS: OBS_FLAG}  # this file's names for the standard columns
    source: UN SDG Global Database

Both SDMX-CSV 1.0 (first column ``DATAFLOW``) and 2.0 (``STRUCTURE``, ``STRUCTURE_ID``,
``ACTION``) are read, with any separator, and with ``labels=both`` headers and codes
(``SEX: Sex``, ``F: Female``). Rows of series not in the mapping are skipped.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Mapping, Optional, Tuple

from .._core import EARLIEST_YEAR, LATEST_YEAR, FileError, InvalidInputError, year_range_rule
from ..messages import Quoted
from ..observations import ImportValidationError, Location, ObservationRecord, Observations, Problem
from .tables import CellError, PathLike, parse_number

__all__ = ["SdmxMapping", "read_sdmx_csv"]

DEFAULT_SEX = {"F": "female", "M": "male", "_T": ""}
DEFAULT_URBANISATION = {"U": "urban", "R": "rural", "_T": ""}
# SDMX's CL_OBS_STATUS: A normal, E estimated, P provisional. Other statuses (forecast,
# missing, break...) have no ontrack flag and must be mapped explicitly.
DEFAULT_OBS_STATUS = {"A": "", "E": "estimated", "P": "provisional"}

_MAPPING_KEYS = {
    "series",
    "ref_area",
    "keep",
    "sex",
    "urbanisation",
    "obs_status",
    "columns",
    "source",
}
_STANDARD_COLUMNS = (
    "SERIES",
    "INDICATOR",
    "REF_AREA",
    "TIME_PERIOD",
    "OBS_VALUE",
    "SEX",
    "URBANISATION",
    "OBS_STATUS",
    "UNIT_MULT",
    "ACTION",
    "SOURCE_DETAIL",
)
_ANNUAL = re.compile(r"\d{4}")


@dataclass(frozen=True)
class SeriesMapping:
    """Where one SDMX series goes: an indicator id, its values multiplied by ``factor``."""

    indicator: str
    factor: float = 1.0


@dataclass(frozen=True)
class SdmxMapping:
    """How the codes of an SDMX-CSV file become ontrack observations (see the module doc)."""

    series: Dict[str, SeriesMapping]
    ref_area: Optional[FrozenSet[str]] = None
    keep: Dict[str, FrozenSet[str]] = field(default_factory=dict)
    sex: Dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SEX))
    urbanisation: Dict[str, str] = field(default_factory=lambda: dict(DEFAULT_URBANISATION))
    obs_status: Dict[str, str] = field(default_factory=lambda: dict(DEFAULT_OBS_STATUS))
    columns: Dict[str, str] = field(default_factory=dict)
    source: str = ""

    @classmethod
    def load(cls, path: PathLike) -> "SdmxMapping":
        """Reads a mapping file: YAML (``.yaml``, ``.yml``) or JSON."""
        name = os.fspath(path)
        try:
            text = Path(name).read_text(encoding="utf-8")
        except OSError as error:
            raise FileError(f"{name}: cannot read: {error.strerror or error}") from error
        try:
            if Path(name).suffix.lower() in (".yaml", ".yml"):
                import yaml

                data = yaml.safe_load(text)
            else:
                data = json.loads(text)
        except (
            Exception
        ) as error:  # yaml.YAMLError or json.JSONDecodeError, with the line in the message
            raise InvalidInputError(f"{name}: not a readable mapping: {error}") from error
        return cls.from_dict(data, name)

    @classmethod
    def from_dict(cls, data: object, origin: str = "mapping") -> "SdmxMapping":
        """A mapping from parsed YAML or JSON; ``origin`` names it in error messages."""
        if not isinstance(data, Mapping):
            raise InvalidInputError(f"{origin}: a mapping must be an object with a 'series' member")
        unknown = sorted(set(data) - _MAPPING_KEYS)
        if unknown:
            raise InvalidInputError(
                f"{origin}: unknown member {unknown[0]!r} "
                f"(members: {', '.join(sorted(_MAPPING_KEYS))})"
            )
        series = _series(data.get("series"), origin)
        ref_area = data.get("ref_area")
        return cls(
            series=series,
            ref_area=None if ref_area is None else _codes(ref_area, f"{origin}: ref_area"),
            keep={
                str(k).upper(): _codes(v, f"{origin}: keep.{k}")
                for k, v in _table(data, "keep", origin).items()
            },
            sex={**DEFAULT_SEX, **_code_list(data, "sex", origin, ("female", "male", ""))},
            urbanisation={
                **DEFAULT_URBANISATION,
                **_code_list(data, "urbanisation", origin, ("urban", "rural", "")),
            },
            obs_status={
                **DEFAULT_OBS_STATUS,
                **_code_list(
                    data, "obs_status", origin, ("", "estimated", "provisional", "derived")
                ),
            },
            columns={str(k).upper(): str(v) for k, v in _table(data, "columns", origin).items()},
            source=str(data.get("source") or ""),
        )


def _table(data: Mapping[str, object], key: str, origin: str) -> Mapping[str, object]:
    value = data.get(key) or {}
    if not isinstance(value, Mapping):
        raise InvalidInputError(f"{origin}: {key} must map codes to values")
    return value


def _codes(value: object, where: str) -> FrozenSet[str]:
    if isinstance(value, (str, int)):
        return frozenset({str(value)})
    if isinstance(value, list) and value and all(isinstance(v, (str, int)) for v in value):
        return frozenset(str(v) for v in value)
    raise InvalidInputError(f"{where} must be a code or a list of codes")


def _series(value: object, origin: str) -> Dict[str, SeriesMapping]:
    if not isinstance(value, Mapping) or not value:
        raise InvalidInputError(
            f"{origin}: series must map at least one series code to an indicator id"
        )
    series = {}
    for code, target in value.items():
        if isinstance(target, str):
            series[str(code)] = SeriesMapping(target)
        elif (
            isinstance(target, Mapping)
            and isinstance(target.get("indicator"), str)
            and set(target) <= {"indicator", "factor"}
            and isinstance(target.get("factor", 1), (int, float))
            and math.isfinite(target.get("factor", 1))
        ):
            series[str(code)] = SeriesMapping(target["indicator"], float(target.get("factor", 1)))
        else:
            raise InvalidInputError(
                f"{origin}: series.{code} must be an indicator id "
                "or {indicator: ID, factor: NUMBER}"
            )
    return series


def _code_list(
    data: Mapping[str, object], key: str, origin: str, allowed: Tuple[str, ...]
) -> Dict[str, str]:
    codes = {str(k): "" if v is None else str(v) for k, v in _table(data, key, origin).items()}
    for code, value in codes.items():
        if value not in allowed:
            raise InvalidInputError(
                f"{origin}: {key}.{code} is {value!r}; it must be one of "
                f"{', '.join(repr(a) for a in allowed)}"
            )
    return codes


# SDMX's UNIT_MULT is a power of ten; beyond ±30 a double's 15–17 digits no longer say what
# the value was (10^-400 turns 17.8 into 0.0), so such a code is a mistake, not a scale.
_UNIT_MULT_LIMIT = 30


def _unit_multiplier(cell: str) -> int:
    """The power of ten a UNIT_MULT code stands for: a whole number from −30 to 30; 0 if blank."""
    number = parse_number(cell)
    if number is None:
        return 0
    if not number.is_integer() or abs(number) > _UNIT_MULT_LIMIT:
        raise CellError("unit_mult", cell=Quoted(cell), limit=_UNIT_MULT_LIMIT)
    return int(number)


def _code(cell: str) -> str:
    """The code of a cell; ``labels=both`` files write ``F: Female``."""
    return cell.split(": ", 1)[0].strip()


def _separator(name: str) -> str:
    """SDMX-CSV fixes the first column's header (DATAFLOW in 1.0, STRUCTURE in 2.0, possibly
    followed by a bracketed sub-field separator); the character after it separates fields."""
    try:
        with open(name, encoding="utf-8-sig") as f:
            header = f.readline()
    except OSError as error:
        raise FileError(f"{name}: cannot read: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise ImportValidationError(
            [Problem(f"not UTF-8 text ({error.reason})", Location(name, line=1))], "nothing read"
        ) from error
    match = re.match(r"(DATAFLOW|STRUCTURE(?:\[.\])?)(.)", header)
    if match is None:
        raise ImportValidationError(
            [
                Problem(
                    "not SDMX-CSV: the first column must be DATAFLOW (SDMX-CSV 1.0) "
                    "or STRUCTURE (2.0)",
                    Location(name, line=1),
                )
            ],
            "nothing read",
        )
    return match.group(2)


def read_sdmx_csv(path: PathLike, mapping: "SdmxMapping | PathLike") -> Observations:
    """Reads the mapped series of an SDMX-CSV file as observations.

    ``mapping`` is an :class:`SdmxMapping` or the path of a mapping file. Values are multiplied
    by the series' ``factor`` and by 10 to the power UNIT_MULT where that column is present.
    OBS_STATUS becomes the flag, SOURCE_DETAIL (or the mapping's ``source``, or the dataflow)
    the source. Every problem (a value that is not a number, a period that is not a year, a code
    missing from the mapping, two rows for one value) is reported at once with its line.
    """
    import pandas as pd

    rules = mapping if isinstance(mapping, SdmxMapping) else SdmxMapping.load(mapping)
    name = os.fspath(path)
    separator = _separator(name)
    try:
        frame = pd.read_csv(
            name, sep=separator, dtype=str, keep_default_na=False, encoding="utf-8-sig"
        )
    except Exception as error:  # pandas' parser errors name the line
        raise ImportValidationError(
            [Problem(f"not readable as CSV ({error})", Location(name))], "nothing read"
        ) from error
    columns = _columns(list(frame.columns), rules, name)
    cells = {key: frame[column].tolist() for key, column in columns.items()}
    structure = frame.iloc[:, 1 if str(frame.columns[0]).startswith("STRUCTURE") else 0].tolist()

    problems: List[Problem] = []
    records: List[ObservationRecord] = []
    areas: Dict[str, int] = {}  # REF_AREA code -> first line, when the mapping does not choose
    for position in range(len(frame)):
        line = position + 2  # the header is line 1

        def at(key: str) -> Location:
            return Location(name, line=line, column=columns.get(key, key))

        def code(key: str) -> str:
            return _code(cells[key][position]) if key in cells else ""

        series = rules.series.get(code("SERIES"))
        if series is None or any(code(k) not in allowed for k, allowed in rules.keep.items()):
            continue
        area = code("REF_AREA")
        if rules.ref_area is not None and area not in rules.ref_area:
            continue
        if code("ACTION") == "D":
            problems.append(
                Problem(
                    "a deletion (ACTION D): ontrack reads observations, not changes", at("ACTION")
                )
            )
            continue
        raw_value = cells["OBS_VALUE"][position].strip()
        if raw_value in ("", "NaN"):
            continue  # SDMX writes a missing value as blank or NaN
        areas.setdefault(area, line)
        row_problems: List[Problem] = []
        value: Optional[float] = None
        multiplier = series.factor
        try:
            value = parse_number(raw_value)
        except CellError as error:
            row_problems.append(Problem(str(error), at("OBS_VALUE")))
        try:
            multiplier *= 10.0 ** _unit_multiplier(code("UNIT_MULT"))
        except CellError as error:
            row_problems.append(Problem(f"UNIT_MULT: {error}", at("UNIT_MULT")))
        period = code("TIME_PERIOD")
        if not _ANNUAL.fullmatch(period):
            row_problems.append(
                Problem(
                    f"TIME_PERIOD {period!r} is not a year: ontrack reads annual data",
                    at("TIME_PERIOD"),
                )
            )
        elif not EARLIEST_YEAR <= int(period) <= LATEST_YEAR:
            row_problems.append(
                Problem(f"TIME_PERIOD {period}: {year_range_rule()}", at("TIME_PERIOD"))
            )
        if value is not None and not row_problems and not math.isfinite(value * multiplier):
            row_problems.append(
                Problem(
                    f"{raw_value} × 10^{code('UNIT_MULT') or 0} is beyond the range of numbers",
                    at("OBS_VALUE"),
                )
            )
        breakdown: Dict[str, Any] = {}  # ObservationRecord's sex and area arguments
        flag = ""
        for key, codes, dimension in (
            ("SEX", rules.sex, "sex"),
            ("URBANISATION", rules.urbanisation, "area"),
            ("OBS_STATUS", rules.obs_status, "flag"),
        ):
            given = code(key)
            if key not in cells or (given == "" and key == "OBS_STATUS"):
                continue
            if given not in codes:
                row_problems.append(
                    Problem(
                        f"{key} code {given!r} is not in the mapping's {key.lower()} codes "
                        f"({', '.join(sorted(codes))})",
                        at(key),
                    )
                )
            elif dimension == "flag":
                flag = codes[given]
            elif codes[given]:
                breakdown[dimension] = codes[given]
        if row_problems:
            problems.extend(row_problems)
            continue
        assert value is not None  # parse_number gives None only for a blank cell, skipped above
        if multiplier != 1:
            value = float(f"{value * multiplier:.12g}")  # without the binary noise of the scaling
        source = (
            (cells["SOURCE_DETAIL"][position].strip() if "SOURCE_DETAIL" in cells else "")
            or rules.source
            or _code(structure[position])
        )
        records.append(
            ObservationRecord(
                series.indicator,
                int(period),
                value,
                source=source,
                flag=flag,
                origin=Location(name, line=line),
                **breakdown,
            )
        )
    if len(areas) > 1:
        listed = ", ".join(f"{a} (line {n})" for a, n in areas.items())
        problems.insert(
            0,
            Problem(
                f"the file has several REF_AREA codes ({listed}): choose with ref_area in the "
                "mapping",
                Location(name),
            ),
        )
    observations = Observations(records)
    problems.extend(observations.duplicates())
    if problems:
        raise ImportValidationError(problems, "nothing read")
    return observations


def _columns(header: List[str], rules: SdmxMapping, name: str) -> Dict[str, str]:
    """Standard column (and keep filter) → the file's column; names compare without case and
    without a ``labels=both`` label (``SEX: Sex``)."""
    by_code = {_code(c).upper(): c for c in header}
    found = {}
    for key in (*_STANDARD_COLUMNS, *rules.keep):
        wanted = rules.columns.get(key, key).upper()
        if wanted in by_code:
            found[key] = by_code[wanted]
    if "SERIES" not in found and "INDICATOR" in found:
        found["SERIES"] = found.pop("INDICATOR")
    missing = [
        k for k in ("SERIES", "REF_AREA", "TIME_PERIOD", "OBS_VALUE", *rules.keep) if k not in found
    ]
    if missing:
        raise ImportValidationError(
            [
                Problem(
                    f"there is no {k} column"
                    + (" (nor INDICATOR)" if k == "SERIES" else "")
                    + "; name this file's column in the mapping's columns",
                    Location(name, line=1),
                )
                for k in missing
            ],
            "nothing read",
        )
    return found
