"""The benchmark panel: deterministic, indicator-like annual series.

Every series is a percentage-style indicator observed for ``n_years`` consecutive years from
``FIRST_YEAR``. Values always lie strictly inside (0, 100), so one panel is valid for every
model compared (linear, log_linear, logit with bounds (0, 100), Holt, damped Holt, auto):

* about 80 % are *interior* series: a level between 10 and 90, a trend of up to ±2.5 points a
  year that is damped towards a plateau in half of them (phi between 0.8 and 1), and normal
  noise of 0.3 to 3 points, clipped to [0.5, 99.5] (rarely active);
* about 20 % are *near a bound*, generated on the logit scale: they sit between 0.5 % and 5 %
  or between 95 % and 99.5 % and creep along the bound, as coverage or prevalence
  indicators do, with noise on the logit scale (so they never touch 0 or 100).

Generation is chunked and seeded per chunk, so a panel of any size is reproducible and can be
written to Parquet without holding it in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Tuple

import numpy as np

FIRST_YEAR = 2010
DEFAULT_SEED = 20240601
GEN_CHUNK = 250_000  # series generated per random-number chunk


def _chunk(rng: np.random.Generator, n: int, n_years: int) -> np.ndarray:
    t = np.arange(n_years, dtype=np.float64)
    out = np.empty((n, n_years), dtype=np.float64)
    near = rng.random(n) < 0.2

    # Interior series: level + (possibly damped) trend + noise, on the value scale.
    m = int((~near).sum())
    level = rng.uniform(10.0, 90.0, m)
    slope = rng.uniform(-2.5, 2.5, m)
    damped = rng.random(m) < 0.5
    phi = np.where(damped, rng.uniform(0.8, 1.0, m), 1.0)
    # Cumulative damped trend: sum_{k=1..t} phi^k (= t when phi = 1).
    powers = phi[:, None] ** np.arange(1, n_years, dtype=np.float64)[None, :]
    cum = np.zeros((m, n_years))
    np.cumsum(powers, axis=1, out=cum[:, 1:])
    sd = rng.uniform(0.3, 3.0, m)
    interior = (
        level[:, None] + slope[:, None] * cum + sd[:, None] * rng.standard_normal((m, n_years))
    )
    out[~near] = np.clip(interior, 0.5, 99.5)

    # Near-bound series: on the logit scale, high (95–99.5 %) or low (0.5–5 %).
    k = n - m
    high = rng.random(k) < 0.5
    p0 = np.where(high, rng.uniform(0.95, 0.995, k), rng.uniform(0.005, 0.05, k))
    z0 = np.log(p0 / (1.0 - p0))
    zslope = rng.normal(0.0, 0.08, k)
    zsd = rng.uniform(0.05, 0.3, k)
    z = (
        z0[:, None]
        + zslope[:, None] * t[None, :]
        + zsd[:, None] * rng.standard_normal((k, n_years))
    )
    out[near] = 100.0 / (1.0 + np.exp(-z))
    np.clip(out, 1e-6, 100.0 - 1e-6, out=out)  # float rounding only: keep strictly inside (0, 100)
    return out


def panel_chunks(
    n_series: int, n_years: int = 15, seed: int = DEFAULT_SEED, chunk: int = GEN_CHUNK
) -> Iterator[Tuple[int, np.ndarray]]:
    """Yields (first series index, values of shape (rows, n_years)) chunk by chunk."""
    for c, start in enumerate(range(0, n_series, chunk)):
        rows = min(chunk, n_series - start)
        rng = np.random.default_rng([seed, c])
        yield start, _chunk(rng, rows, n_years)


@dataclass
class Panel:
    """A balanced panel: ``values[i, j]`` is series i in year ``years[j]``."""

    values: np.ndarray  # (n_series, n_years) float64, C-contiguous
    years: np.ndarray  # (n_years,) int32

    @property
    def n_series(self) -> int:
        return int(self.values.shape[0])

    @property
    def n_years(self) -> int:
        return int(self.values.shape[1])

    def csr(self) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(values, years, offsets) in ontrack's CSR form; ``values`` is a view, not a copy."""
        n, t = self.values.shape
        values = self.values.reshape(-1)
        years = np.tile(self.years, n)
        offsets = np.arange(0, n * t + 1, t, dtype=np.int64)
        return values, years, offsets

    def long_frame(self, id_col: str = "unique_id", time_col: str = "ds", value_col: str = "y"):
        """The long (tidy) DataFrame statsforecast takes: one row per series and year."""
        import pandas as pd

        n, t = self.values.shape
        return pd.DataFrame(
            {
                id_col: np.repeat(np.arange(n, dtype=np.int64), t),
                time_col: np.tile(self.years.astype(np.int64), n),
                value_col: self.values.reshape(-1),
            }
        )


def make_panel(n_series: int, n_years: int = 15, seed: int = DEFAULT_SEED) -> Panel:
    values = np.empty((n_series, n_years), dtype=np.float64)
    for start, block in panel_chunks(n_series, n_years, seed):
        values[start : start + len(block)] = block
    return Panel(values, np.arange(FIRST_YEAR, FIRST_YEAR + n_years, dtype=np.int32))


def write_parquet(
    path: str,
    n_series: int,
    n_years: int = 15,
    seed: int = DEFAULT_SEED,
    row_group_series: int = 100_000,
) -> dict:
    """Writes the panel in long form (series int32, year int32, value float64), sorted by
    series then year, in row groups of ``row_group_series`` series. Never holds more than one
    generation chunk in memory. Returns sizes."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("series", pa.int32()), ("year", pa.int32()), ("value", pa.float64())])
    years = np.arange(FIRST_YEAR, FIRST_YEAR + n_years, dtype=np.int32)
    rows = 0
    with pq.ParquetWriter(path, schema, compression="snappy") as writer:
        for start, block in panel_chunks(n_series, n_years, seed):
            n = len(block)
            table = pa.table(
                {
                    "series": np.repeat(np.arange(start, start + n, dtype=np.int32), n_years),
                    "year": np.tile(years, n),
                    "value": block.reshape(-1),
                },
                schema=schema,
            )
            writer.write_table(table, row_group_size=row_group_series * n_years)
            rows += n * n_years
    return {"rows": rows, "uncompressed_bytes": rows * (4 + 4 + 8)}
