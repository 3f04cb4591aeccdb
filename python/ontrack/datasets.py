"""Reference data bundled with ontrack.

No district (Kundulun) series are published, so ontrack ships real national figures from the
National Bureau of Statistics' monitoring of China's women's development outlines (and National
Health Commission releases), each with its source and the sentence it came from. They stand in
for district data in demonstrations and must be labelled as national figures wherever shown:
every row and every observation made from them carries that label.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, List, Optional

from ._core import Observation, ObservationFlag, Series
from ._resources import data_path

if TYPE_CHECKING:  # pandas is imported only when a frame is asked for
    import pandas

__all__ = [
    "NationalRecord",
    "china_national_women",
    "china_national_women_records",
    "china_national_women_series",
    "geo_label",
]

_GEO_LABELS = {
    "CN": "national (China)",
    "CN-FJ": "provincial (Fujian)",
    "CN-NM-Baotou": "city (Baotou, Inner Mongolia)",
}


def geo_label(geo: str) -> str:
    """A readable label of a geography code, saying what level the figure is from."""
    return _GEO_LABELS.get(geo, geo)


@dataclass(frozen=True)
class NationalRecord:
    """One published value with its provenance and its place in the Kundulun plan."""

    dataset_indicator: str
    plan_indicator: Optional[str]
    disaggregation: Dict[str, str]
    relation: str
    name_zh: str
    name_en: str
    geo: str
    geo_label: str
    year: int
    value: float
    unit: str
    derived: bool
    source_url: str
    source_quote: str
    note: str

    @property
    def label(self) -> str:
        """How the value must be introduced wherever it is shown."""
        return f"{self.geo_label} figure standing in for district data"


def _parse_disaggregation(text: str) -> Dict[str, str]:
    pairs = [part.split("=", 1) for part in text.split(";") if part.strip()]
    return {key.strip(): value.strip() for key, value in pairs}


def _mapping() -> Dict[str, Dict[str, str]]:
    with open(data_path("china", "kundulun_mapping.csv"), encoding="utf-8", newline="") as f:
        return {row["dataset_indicator_id"]: row for row in csv.DictReader(f)}


def china_national_women_records(geo: Optional[str] = "CN") -> List[NationalRecord]:
    """Every bundled value as a record, in file order; ``geo=None`` keeps all geographies."""
    mapping = _mapping()
    records = []
    path = data_path("china", "china_women_indicators.csv")
    with open(path, encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            if geo is not None and row["geo"] != geo:
                continue
            mapped = mapping.get(row["indicator_id"])
            if mapped is None:
                raise ValueError(
                    f"{path.name}:{line}: indicator {row['indicator_id']!r} is missing from "
                    "kundulun_mapping.csv"
                )
            relation = mapped["relation"]
            plan_indicator = mapped["plan_indicator_id"] if relation != "unmapped" else ""
            records.append(
                NationalRecord(
                    dataset_indicator=row["indicator_id"],
                    plan_indicator=plan_indicator or None,
                    disaggregation=_parse_disaggregation(mapped["disaggregation"]),
                    relation=relation,
                    name_zh=row["name_cn"],
                    name_en=row["name_en"],
                    geo=row["geo"],
                    geo_label=geo_label(row["geo"]),
                    year=int(row["year"]),
                    value=float(row["value"]),
                    unit=row["unit"],
                    derived=row["value_type"] == "derived",
                    source_url=row["source_url"],
                    source_quote=row["source_quote"],
                    note=row["note"],
                )
            )
    return records


def china_national_women(geo: Optional[str] = "CN") -> "pandas.DataFrame":
    """The bundled figures as a tidy pandas DataFrame, one row per value.

    Columns: ``indicator`` (the Kundulun plan's indicator id, or missing where the plan has no
    such indicator), one column per disaggregation key (``area``, ``sex``), ``year``, ``value``,
    ``unit``, ``flag`` (``derived`` for values computed from a published change), ``geo``,
    ``geo_label``, ``label`` (e.g. "national (China) figure standing in for district data"),
    ``source``, ``source_quote``, ``note``, ``dataset_indicator``, ``name_zh``, ``name_en`` and
    ``relation``.
    """
    import pandas as pd

    records = china_national_women_records(geo)
    keys = sorted({key for r in records for key in r.disaggregation})
    rows = []
    for r in records:
        row = {
            "indicator": r.plan_indicator,
            **{key: r.disaggregation.get(key) for key in keys},
            "year": r.year,
            "value": r.value,
            "unit": r.unit,
            "flag": "derived" if r.derived else "",
            "geo": r.geo,
            "geo_label": r.geo_label,
            "label": r.label,
            "source": r.source_url,
            "source_quote": r.source_quote,
            "note": r.note,
            "dataset_indicator": r.dataset_indicator,
            "name_zh": r.name_zh,
            "name_en": r.name_en,
            "relation": r.relation,
        }
        rows.append(row)
    return pd.DataFrame(rows)


def china_national_women_series(geo: str = "CN") -> List[Series]:
    """The figures that map onto Kundulun plan indicators, as ontrack series.

    Each observation's ``source`` starts with the geography label (e.g. "national (China)
    figure standing in for district data") followed by the source address, and derived values
    carry ``ObservationFlag.derived``.
    """
    grouped: Dict[tuple, Series] = {}
    for r in china_national_women_records(geo):
        if r.plan_indicator is None:
            continue
        key = (r.plan_indicator, tuple(sorted(r.disaggregation.items())))
        series = grouped.get(key)
        if series is None:
            series = Series()
            series.indicator = r.plan_indicator
            series.disaggregation = dict(r.disaggregation)
            grouped[key] = series
        observations = series.observations
        observations.append(
            Observation(
                r.year,
                r.value,
                source=f"{r.label}: {r.source_url}",
                flag=ObservationFlag.derived if r.derived else ObservationFlag.none,
            )
        )
        series.observations = sorted(observations, key=lambda o: o.year)
    return list(grouped.values())
