"""Reference data bundled with ontrack.

Real published figures on women's development in China (data/china/README.md): national figures
from the National Bureau of Statistics' monitoring reports on the women's development outlines
and National Health Commission and Ministry of Education releases, and regional figures (Inner
Mongolia, Ordos, Baotou, Xilingol, Kundulun). Each value carries its citation: the publication
first, then the page it was read on, then that page's provenance grade. Figures from elsewhere
than the Kundulun district stand in for district data in demonstrations and are labelled so
wherever shown: every row and every observation made from them carries that label.
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
    "NATIONAL_FILE",
    "PROVENANCE_GRADES",
    "REGIONAL_FILE",
    "DEFINITION_BREAKS",
    "NationalRecord",
    "OUTLINE_YEARS",
    "PublishedRecord",
    "china_national_women",
    "china_national_women_records",
    "china_national_women_series",
    "geo_label",
    "national_indicator_series",
    "outline_2011_2020_series",
    "outline_2011_2020_verdicts",
    "regional_women",
    "regional_women_records",
    "regional_women_series",
]

#: The bundled files (data/china/): national figures, and every non-national figure.
NATIONAL_FILE = "china_women_indicators_v2.csv"
REGIONAL_FILE = "regional_women_indicators_v2.csv"

#: How far the page a figure was read on can be trusted, best first (data/china/README.md).
PROVENANCE_GRADES = ("official", "repost_named", "repost_unnamed", "weak")

_KUNDULUN = "CN-NM-Baotou-Kundulun"
#: Each geography: its level and name, and the short place name ``regional_women`` labels rows by.
_GEOS = {
    "CN": ("national (China)", "China"),
    "CN-FJ": ("provincial (Fujian)", "Fujian"),
    "CN-NM": ("regional (Inner Mongolia)", "Inner Mongolia"),
    "CN-NM-Baotou": ("city (Baotou, Inner Mongolia)", "Baotou"),
    "CN-NM-Ordos": ("city (Ordos, Inner Mongolia)", "Ordos"),
    "CN-NM-Xilingol": ("league (Xilingol, Inner Mongolia)", "Xilingol"),
    _KUNDULUN: ("district (Kundulun, Baotou)", "Kundulun"),
}


def geo_label(geo: str) -> str:
    """A readable label of a geography code, saying what level the figure is from."""
    return _GEOS.get(geo, (geo, geo))[0]


def _place(geo: str) -> str:
    return _GEOS.get(geo, (geo, geo))[1]


@dataclass(frozen=True)
class PublishedRecord:
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
    publisher: str
    publication: str
    publication_en: str
    published: str
    source_url: str
    retrieved_from: str
    provenance: str
    source_quote: str
    note: str

    @property
    def label(self) -> str:
        """How the value must be introduced wherever it is shown."""
        if self.geo == _KUNDULUN:
            return f"{self.geo_label} figure"
        return f"{self.geo_label} figure standing in for district data"

    @property
    def citation(self) -> str:
        """The publication first (publisher, title, date), then the page the value was read on
        (and the official page printing it, when that is another one), then the page's grade."""
        joiner = "" if self.publication.startswith("《") else "，"
        work = f"{self.publisher}{joiner}{self.publication}"
        if self.published and self.published not in self.publication:
            work += f" ({self.published})"
        pages = self.retrieved_from
        if self.source_url and self.source_url != self.retrieved_from:
            pages = f"{self.source_url} · {self.retrieved_from}"
        return f"{work} · {pages} · {self.provenance}"


#: The earlier name of :class:`PublishedRecord`, when the bundled figures were all national.
NationalRecord = PublishedRecord


def _parse_disaggregation(text: str) -> Dict[str, str]:
    pairs = [part.split("=", 1) for part in text.split(";") if part.strip()]
    return {key.strip(): value.strip() for key, value in pairs}


def _mapping() -> Dict[str, Dict[str, str]]:
    with open(data_path("china", "kundulun_mapping.csv"), encoding="utf-8", newline="") as f:
        return {row["dataset_indicator_id"]: row for row in csv.DictReader(f)}


def _records(filename: str, geo: Optional[str]) -> List[PublishedRecord]:
    mapping = _mapping()
    records = []
    path = data_path("china", filename)
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
            if row["provenance_quality"] not in PROVENANCE_GRADES:
                raise ValueError(f"{path.name}:{line}: provenance grade {row['provenance_quality']!r} "
                                 f"is not one of {', '.join(PROVENANCE_GRADES)}")
            relation = mapped["relation"]
            plan_indicator = mapped["plan_indicator_id"] if relation != "unmapped" else ""
            records.append(
                PublishedRecord(
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
                    publisher=row["publisher"],
                    publication=row["publication"],
                    publication_en=row["publication_en"],
                    published=row["published"],
                    source_url=row["source_url"],
                    retrieved_from=row["retrieved_from"],
                    provenance=row["provenance_quality"],
                    source_quote=row["source_quote"],
                    note=row["note"],
                )
            )
    return records


def china_national_women_records(geo: Optional[str] = "CN") -> List[PublishedRecord]:
    """Every value of the national file as a record, in file order; ``geo=None`` keeps the
    file's few non-national rows too (Fujian, Baotou)."""
    return _records(NATIONAL_FILE, geo)


def regional_women_records(geo: Optional[str] = None) -> List[PublishedRecord]:
    """Every value of the regional file as a record, in file order, or those of one ``geo``
    (``"CN-NM"``, ``"CN-NM-Ordos"``, ``"CN-NM-Baotou"``, ``"CN-NM-Baotou-Kundulun"``, …)."""
    return _records(REGIONAL_FILE, geo)


def _frame(records: List[PublishedRecord]) -> "pandas.DataFrame":
    import pandas as pd

    keys = sorted({key for r in records for key in r.disaggregation})
    rows = []
    for r in records:
        rows.append({
            "indicator": r.plan_indicator,
            **{key: r.disaggregation.get(key) for key in keys},
            "year": r.year,
            "value": r.value,
            "unit": r.unit,
            "flag": "derived" if r.derived else "",
            "geo": r.geo,
            "geo_label": r.geo_label,
            "place": _place(r.geo),
            "label": r.label,
            "source": r.citation,
            "publisher": r.publisher,
            "publication": r.publication,
            "publication_en": r.publication_en,
            "published": r.published,
            "retrieved_from": r.retrieved_from,
            "source_url": r.source_url,
            "provenance": r.provenance,
            "source_quote": r.source_quote,
            "note": r.note,
            "dataset_indicator": r.dataset_indicator,
            "name_zh": r.name_zh,
            "name_en": r.name_en,
            "relation": r.relation,
        })
    return pd.DataFrame(rows)


_FRAME_DOC = """
    Columns: ``indicator`` (the Kundulun plan's indicator id, or missing where the plan has no
    such indicator), one column per disaggregation key (``area``: urban/rural), ``year``,
    ``value``, ``unit``, ``flag`` (``derived`` for values computed from printed figures; ``note``
    gives the sum), ``geo``, ``geo_label``, ``place`` (``China``, ``Inner Mongolia``, ``Ordos``,
    …), ``label`` (e.g. "national (China) figure standing in for district data"), ``source``
    (the citation: publication first, then the page read, then its grade), its parts
    ``publisher``, ``publication``, ``publication_en``, ``published``, ``retrieved_from``,
    ``source_url`` and ``provenance`` (one of :data:`PROVENANCE_GRADES`), ``source_quote`` (the
    clause carrying the number), ``note``, ``dataset_indicator``, ``name_zh``, ``name_en`` and
    ``relation``.
"""


def china_national_women(geo: Optional[str] = "CN") -> "pandas.DataFrame":
    return _frame(china_national_women_records(geo))


def regional_women(geo: Optional[str] = None) -> "pandas.DataFrame":
    return _frame(regional_women_records(geo))


china_national_women.__doc__ = "The national figures as a tidy pandas DataFrame, one row per value.\n" + _FRAME_DOC
regional_women.__doc__ = ("The regional figures (Inner Mongolia, its cities and leagues, the Kundulun district, "
                          "and Fujian) as a tidy pandas DataFrame, one row per value, labelled by place.\n"
                          + _FRAME_DOC)


def _series(records: List[PublishedRecord]) -> List[Series]:
    grouped: Dict[tuple, Series] = {}
    for r in records:
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
                source=f"{r.label}: {r.citation}",
                flag=ObservationFlag.derived if r.derived else ObservationFlag.none,
            )
        )
        series.observations = sorted(observations, key=lambda o: o.year)
    return list(grouped.values())


def china_national_women_series(geo: str = "CN") -> List[Series]:
    """The national figures that map onto Kundulun plan indicators, as ontrack series.

    Each observation's ``source`` starts with the geography label (e.g. "national (China)
    figure standing in for district data") followed by the citation (publication first), and
    derived values carry ``ObservationFlag.derived``.
    """
    return _series(china_national_women_records(geo))


def regional_women_series(geo: str) -> List[Series]:
    """The figures of one regional ``geo`` that map onto Kundulun plan indicators, as ontrack
    series, labelled and cited as :func:`china_national_women_series` labels them."""
    return _series(regional_women_records(geo))


#: The years of the 2011–2020 outline's data: its base year to its end year.
OUTLINE_YEARS = range(2010, 2021)
_OUTLINE_PROGRAM = "中国妇女发展纲要（2011—2020年）"


#: Series whose definition changed: values from this year on measure something else
#: (data/china/README.md) and are left out of the series a trend is fitted on.
DEFINITION_BREAKS = {"rural_sanitary_toilet": 2017}


def national_indicator_series() -> List[Series]:
    """Every national series of the bundled data, keyed by the dataset's own indicator ids
    (mapped to a plan or not), up to its definition break (:data:`DEFINITION_BREAKS`): the
    series a rolling-origin backtest runs on. Labelled and cited as the other series are."""
    records = [r for r in china_national_women_records("CN")
               if r.year < DEFINITION_BREAKS.get(r.dataset_indicator, 10_000)]
    return _series([PublishedRecord(**{**r.__dict__, "plan_indicator": r.dataset_indicator, "disaggregation": {}})
                    for r in records])


def outline_2011_2020_series() -> List[Series]:
    """The national figures of the indicators of the bundled 2011–2020 outline
    (:func:`ontrack.plans.china_women_outline_2011_2020`), 2010–2020, as ontrack series keyed by
    the dataset's indicator ids (the plan's own)."""
    from .plans import china_women_outline_2011_2020

    wanted = {indicator.id for indicator in china_women_outline_2011_2020().indicators()}
    out = []
    for series in national_indicator_series():
        if series.indicator in wanted:
            series.observations = [o for o in series.observations if o.year in OUTLINE_YEARS]
            out.append(series)
    return out


def _published_outcome(verdict: str) -> str:
    """NBS's verdict word, read as met / missed; "" where the pages read print none."""
    if verdict.startswith(("提前实现", "已实现", "基本实现")):
        return "met"
    if verdict.startswith("未实现"):
        return "missed"
    return ""


def outline_2011_2020_verdicts() -> "pandas.DataFrame":
    """The targets of the women's outline 2011–2020 with NBS's published verdicts, one row per
    target: ``indicator``, ``goal_area``, ``target_text``, ``value``, ``comparator``,
    ``target_year``, ``published_verdict`` (as printed, with its report), ``published_outcome``
    (``met``, ``missed``, or "" where no verdict was found), ``verdict_source`` and
    ``source_url`` (the pages the verdict and the target text were read on)."""
    import pandas as pd

    with open(data_path("china", "outline_2011_2020_targets.csv"), encoding="utf-8", newline="") as f:
        rows = [row for row in csv.DictReader(f) if row["program"] == _OUTLINE_PROGRAM]
    frame = pd.DataFrame(rows).rename(columns={"indicator_id": "indicator"})
    frame["published_outcome"] = frame["published_verdict"].map(_published_outcome)
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    return frame.drop(columns=["program"])
