"""Section 2: damped Holt (ETS A,Ad,N) against statsforecast and statsmodels; ``auto``.

statsforecast: ``AutoETS(model="AAN", damped=True)`` through
``StatsForecast(models=..., freq=1, n_jobs=1).forecast(df=..., h=..., level=[95])`` on the long
unique_id/ds/y frame (this statsforecast's ``Holt`` has no ``damped`` argument; the restricted
AutoETS is its damped Holt). The one-time set-up cost (library warm-up, any JIT compilation in
older numba-based releases) is excluded by forecasting a small panel first.

statsmodels: ``ETSModel(y, error="add", trend="add", damped_trend=True).fit(disp=False)`` and
``get_prediction(...).summary_frame(alpha=0.05)``, series by series. It is slow, so it is timed
on a subset and its per-series rate is extrapolated (reported as such).

ontrack: ``project_many(model="damped_holt", threads=1)`` on the same panel in CSR arrays (and,
as a second row, from the same long DataFrame statsforecast gets), computing the point, the
95 % interval and the probability of meeting a target at 2030.
"""

from __future__ import annotations

import time
import warnings
from typing import Any, Callable, Dict, Optional

import numpy as np
import ontrack
from common import DEADLINE, LEVEL, best_of, load_average, ontrack_projections, rate, wait_quiet
from panel import make_panel



def _ontrack(values, years, offsets, model: str, threads: int):
    return ontrack_projections(model, threads, values=values, years=years, offsets=offsets)


def _ontrack_frame(df, model: str, threads: int):
    return ontrack_projections(model, threads, df, series="unique_id", year="ds", value="y")


def _one_blas_thread():
    """Per core means one thread: BLAS (used by statsmodels' optimiser) is limited to one too.
    Under load, multithreaded BLAS on tiny problems is several times slower, not faster."""
    try:
        from threadpoolctl import threadpool_limits

        return threadpool_limits(limits=1)
    except ImportError:  # pragma: no cover
        import contextlib

        return contextlib.nullcontext()


def _statsforecast(df, h: int, spec: str = "AAN", damped: Optional[bool] = True):
    from statsforecast import StatsForecast
    from statsforecast.models import AutoETS

    model = AutoETS(model=spec, damped=damped)
    with _one_blas_thread():
        return StatsForecast(models=[model], freq=1, n_jobs=1).forecast(df=df, h=h, level=[95])


def _statsmodels(values: np.ndarray, h: int):
    """Fits every row; returns (seconds, point, lower, upper) at horizon h."""
    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    n, t = values.shape
    point = np.full(n, np.nan)
    lower = np.full(n, np.nan)
    upper = np.full(n, np.nan)
    t0 = time.perf_counter()
    with warnings.catch_warnings(), _one_blas_thread():
        warnings.simplefilter("ignore")
        for i in range(n):
            try:
                res = ETSModel(
                    pd.Series(values[i]), error="add", trend="add", damped_trend=True
                ).fit(disp=False)
                frame = res.get_prediction(start=t, end=t + h - 1).summary_frame(alpha=1 - LEVEL)
                last = frame.iloc[-1]
                point[i], lower[i], upper[i] = last["mean"], last["pi_lower"], last["pi_upper"]
            except Exception:  # noqa: BLE001, S110 - a failed fit stays NaN and is counted
                pass
    return time.perf_counter() - t0, point, lower, upper


def _sf_at_deadline(fc, n: int, name: str = "AutoETS"):
    fc = fc.reset_index() if "unique_id" not in fc.columns else fc
    last = fc[fc["ds"] == DEADLINE].sort_values("unique_id")
    assert len(last) == n, "statsforecast returned an unexpected number of series"
    return (
        last[name].to_numpy(),
        last[f"{name}-lo-95"].to_numpy(),
        last[f"{name}-hi-95"].to_numpy(),
    )


def _compare(a: np.ndarray, b: np.ndarray) -> Dict[str, float]:
    ok = np.isfinite(a) & np.isfinite(b)
    rel = np.abs(a[ok] - b[ok]) / np.maximum(np.abs(b[ok]), 1e-12)
    return {
        "compared": int(ok.sum()),
        "median_rel_diff": float(np.median(rel)) if ok.any() else float("nan"),
        "p90_rel_diff": float(np.quantile(rel, 0.9)) if ok.any() else float("nan"),
        "share_within_1pct": float((rel <= 0.01).mean()) if ok.any() else float("nan"),
    }


def _sse(y: np.ndarray, alpha: float, beta: float, phi: float, l0: float, b0: float) -> float:
    """One-step-ahead sum of squared errors of additive damped Holt (ETS A,Ad,N) from its
    parameters, with R's parameterisation (b_t = phi·b_{t-1} + beta·e_t)."""
    level, trend, total = l0, b0, 0.0
    for v in y:
        f = level + phi * trend
        e = v - f
        total += e * e
        level = f + alpha * e
        trend = phi * trend + beta * e
    return total


def fit_quality(values: np.ndarray, years: np.ndarray, k: int) -> Dict[str, Any]:
    """Which fit is better? Both libraries report loglik = -0.5·n·log(SSE) (R's convention),
    so the SSE of each one's fitted parameters, recomputed by the same recursion, compares them
    directly: a lower SSE is a better optimum of the same criterion."""
    from statsforecast.models import AutoETS

    yrs = [int(t) for t in years]
    ratios = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for y in values[:k]:
            p = ontrack.project(yrs, y, model="damped_holt", to=DEADLINE)
            if not p.ok:
                continue
            q = p.params
            par = AutoETS(model="AAN", damped=True).fit(y).model_["par"]
            sf_alpha, sf_beta, _, sf_phi, sf_l0, sf_b0 = (float(v) for v in par[:6])
            ratios.append(
                _sse(y, q["alpha"], q["beta"], q["phi"], q["l0"], q["b0"])
                / _sse(y, sf_alpha, sf_beta, sf_phi, sf_l0, sf_b0)
            )
    r = np.asarray(ratios)
    return {
        "series": len(r),
        "median_sse_ratio_ontrack_over_statsforecast": float(np.median(r)),
        "p90_sse_ratio": float(np.quantile(r, 0.9)),
        "share_statsforecast_lower_sse": float((r > 1.0001).mean()),
        "share_ontrack_lower_sse": float((r < 0.9999).mean()),
    }


def run(
    n_series: int,
    repeats: int,
    threads_all: int,
    statsmodels_series: int,
    log: Callable[[str], None],
) -> Dict[str, Any]:
    log(f"damped Holt: generating {n_series:,} series x 15 years")
    panel = make_panel(n_series)
    values, years, offsets = panel.csr()
    df = panel.long_frame()
    h = DEADLINE - int(panel.years[-1])
    out: Dict[str, Any] = {
        "n_series": n_series,
        "n_years": panel.n_years,
        "horizon": h,
        "deadline": DEADLINE,
        "statsmodels_series": statsmodels_series,
    }

    # Warm-up: one-time costs (imports, JIT or library initialisation) excluded from the timings.
    small = make_panel(200, seed=7)
    t0 = time.perf_counter()
    _statsforecast(small.long_frame(), h)
    _statsforecast(small.long_frame(), h, spec="ZZN", damped=None)
    out["statsforecast_warmup_s"] = time.perf_counter() - t0
    sv, sy, so = small.csr()
    for m in ("damped_holt", "holt", "auto"):
        _ontrack(sv, sy, so, m, 1)

    # Agreement (not timed): ontrack's damped Holt vs statsforecast's and statsmodels'.
    log("damped Holt: comparing point forecasts and intervals with statsforecast / statsmodels")
    res = _ontrack(values, years, offsets, "damped_holt", threads_all)
    status, counts = np.unique(res["status"], return_counts=True)
    out["ontrack_status_counts"] = {ontrack.STATUSES[s]: int(c) for s, c in zip(status, counts)}
    sf_point, sf_lo, sf_hi = _sf_at_deadline(_statsforecast(df, h), n_series)
    ot_width = res["upper"] - res["lower"]
    out["agreement_vs_statsforecast"] = {
        "point": _compare(res["point"], sf_point),
        "median_interval_width_ratio_ontrack_over_statsforecast": float(
            np.nanmedian(ot_width / (sf_hi - sf_lo))
        ),
    }
    out["fit_quality_vs_statsforecast"] = fit_quality(panel.values, panel.years, min(300, n_series))
    log(f"damped Holt: fit quality {out['fit_quality_vs_statsforecast']}")
    k = min(statsmodels_series, n_series)
    log(f"damped Holt: statsmodels ETSModel on {k} series (timed once, extrapolated per series)")
    wait_quiet()
    sm_s, sm_point, sm_lo, sm_hi = _statsmodels(panel.values[:k], h)
    out["agreement_vs_statsmodels"] = {
        "point": _compare(res["point"][:k], sm_point),
        "median_interval_width_ratio_ontrack_over_statsmodels": float(
            np.nanmedian(ot_width[:k] / (sm_hi - sm_lo))
        ),
        "statsmodels_failed_fits": int(np.isnan(sm_point).sum()),
    }
    log(
        f"damped Holt: agreement {out['agreement_vs_statsforecast']} / {out['agreement_vs_statsmodels']}"
    )

    # Timings.
    slow_repeats = max(1, min(repeats, 2))
    timings: Dict[str, Any] = {}
    timings["ontrack_damped_holt_1thread"] = best_of(
        lambda: _ontrack(values, years, offsets, "damped_holt", 1), repeats
    )
    timings[f"ontrack_damped_holt_{threads_all}threads"] = best_of(
        lambda: _ontrack(values, years, offsets, "damped_holt", threads_all), repeats
    )
    try:
        timings["ontrack_damped_holt_frame_1thread"] = best_of(
            lambda: _ontrack_frame(df, "damped_holt", 1), repeats
        )
    except Exception as err:  # noqa: BLE001 - reported, not fatal: the array rows compare like with like
        out["frame_input_error"] = f"{type(err).__name__}: {err}"
        log(f"damped Holt: DataFrame input failed: {out['frame_input_error']}")
    timings["ontrack_holt_1thread"] = best_of(
        lambda: _ontrack(values, years, offsets, "holt", 1), repeats
    )
    log("damped Holt: timing ontrack auto")
    timings["ontrack_auto_1thread"] = best_of(
        lambda: _ontrack(values, years, offsets, "auto", 1), slow_repeats
    )
    timings[f"ontrack_auto_{threads_all}threads"] = best_of(
        lambda: _ontrack(values, years, offsets, "auto", threads_all), slow_repeats
    )
    log("damped Holt: timing statsforecast")
    timings["statsforecast_damped_1job"] = best_of(lambda: _statsforecast(df, h), repeats)
    timings["statsforecast_autoets_ZZN_1job"] = best_of(
        lambda: _statsforecast(df, h, spec="ZZN", damped=None), slow_repeats
    )
    timings["statsmodels_damped_extrapolated"] = {
        "best_s": sm_s * n_series / k,
        "times_s": [sm_s],
        "measured_series": k,
        "note": f"measured once on {k} series, extrapolated linearly to {n_series}",
    }
    for t in timings.values():
        t["series_per_s"] = rate(n_series, t["best_s"])
    ref = timings["statsforecast_damped_1job"]["series_per_s"]
    sm = timings["statsmodels_damped_extrapolated"]["series_per_s"]
    out["timings"] = timings
    out["repeats"], out["slow_repeats"] = repeats, slow_repeats
    out["ratio_vs_statsforecast_damped"] = {
        name: t["series_per_s"] / ref for name, t in timings.items()
    }
    out["ratio_vs_statsmodels_damped"] = {
        name: t["series_per_s"] / sm for name, t in timings.items()
    }
    auto = _ontrack(values, years, offsets, "auto", threads_all)
    chosen, counts = np.unique(auto["model"], return_counts=True)
    out["auto_chosen_models"] = {ontrack.MODELS[m]: int(c) for m, c in zip(chosen, counts)}
    out["load_average"] = load_average()
    log("damped Holt: " + ", ".join(f"{k} {v['series_per_s']:,.0f}/s" for k, v in timings.items()))
    return out
