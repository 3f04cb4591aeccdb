"""Section 3: a panel larger than one wants in memory, streamed from Parquet.

The parent writes the panel to a Parquet file in long form (series int32, year int32, value
float64; sorted by series and year; row groups of 100,000 series), then starts a *fresh* Python
process (this file run as a script) that reads it batch by batch with
``pyarrow.parquet.ParquetFile.iter_batches``, projects each batch with ``project_many`` and
writes the results to an output Parquet file. A series cut by a batch boundary is carried over to
the next batch. The child reports its resident-set high-water mark (``VmHWM`` from
``/proc/self/status``, and ``ru_maxrss``), its resident set before reading, and the throughput.
Both files are deleted afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, Optional

N_YEARS = 15
DEADLINE = 2030
TARGET = 80.0


def _status_kb(field: str) -> Optional[int]:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def stream(path: str, out_path: str, batch_series: int, threads: int, model: str) -> Dict[str, Any]:
    """The child's work: Parquet in → project_many batch by batch → Parquet out."""
    import resource

    import numpy as np
    import ontrack
    import pyarrow as pa
    import pyarrow.parquet as pq

    rss_before_kb = _status_kb("VmRSS")
    # pre_buffer=False: with pyarrow's default (pre-buffering on), iter_batches keeps the
    # pre-buffered column chunks alive until the end of the file, so the resident set grows with
    # the file instead of staying flat (about 31 MB more per 250,000 series here).
    pf = pq.ParquetFile(path, pre_buffer=False, buffer_size=1 << 20)
    out_schema = pa.schema(
        [
            ("series", pa.int32()),
            ("status", pa.dictionary(pa.uint8(), pa.string())),
            ("point", pa.float64()),
            ("lower", pa.float64()),
            ("upper", pa.float64()),
            ("prob", pa.float64()),
        ]
    )
    kw: Dict[str, Any] = {"bounds": (0.0, 100.0)} if model in ("logit", "auto") else {}
    n_done = 0
    n_ok = 0
    batches = 0
    t_project = 0.0
    t_write = 0.0
    carry = None  # (ids, years, values) of a series cut by the batch boundary

    def project(ids, yrs, vals, writer) -> None:
        nonlocal n_done, n_ok, t_project, t_write
        starts = np.flatnonzero(ids[1:] != ids[:-1]) + 1
        offsets = np.empty(len(starts) + 2, dtype=np.int64)
        offsets[0] = 0
        offsets[1:-1] = starts
        offsets[-1] = len(ids)
        t0 = time.perf_counter()
        res = ontrack.project_many(
            values=vals,
            years=yrs,
            offsets=offsets,
            model=model,
            to=DEADLINE,
            target=TARGET,
            threads=threads,
            reasons=False,
            chunk_size=batch_series,
            **kw,
        )
        t_project += time.perf_counter() - t0
        n_done += len(res)
        n_ok += int((res["status"] == ontrack.STATUSES.index("ok")).sum())
        t1 = time.perf_counter()
        writer.write_table(
            pa.table(
                {
                    "series": ids[offsets[:-1]],
                    # the kernel's status codes, written as a dictionary-encoded column of names
                    "status": pa.DictionaryArray.from_arrays(res["status"], list(ontrack.STATUSES)),
                    "point": res["point"],
                    "lower": res["lower"],
                    "upper": res["upper"],
                    "prob": res["prob"],
                },
                schema=out_schema,
            )
        )
        t_write += time.perf_counter() - t1

    t_start = time.perf_counter()
    with pq.ParquetWriter(out_path, out_schema, compression="snappy") as writer:
        for batch in pf.iter_batches(
            batch_size=batch_series * N_YEARS, columns=["series", "year", "value"]
        ):
            ids = batch.column(0).to_numpy()
            yrs = batch.column(1).to_numpy()
            vals = batch.column(2).to_numpy()
            if carry is not None:
                ids = np.concatenate([carry[0], ids])
                yrs = np.concatenate([carry[1], yrs])
                vals = np.concatenate([carry[2], vals])
            # Rows are sorted by series: the last series may continue in the next batch.
            cut = int(np.searchsorted(ids, ids[-1], side="left"))
            carry = (ids[cut:].copy(), yrs[cut:].copy(), vals[cut:].copy())
            if cut > 0:
                project(ids[:cut], yrs[:cut], vals[:cut], writer)
            batches += 1
            del batch, ids, yrs, vals
        if carry is not None and len(carry[0]):
            project(*carry, writer)
    elapsed = time.perf_counter() - t_start
    return {
        "series": n_done,
        "ok": n_ok,
        "batches": batches,
        "batch_series": batch_series,
        "threads": threads,
        "model": model,
        "parquet_reader": "ParquetFile(pre_buffer=False, buffer_size=1 MiB)",
        "elapsed_s": elapsed,
        "project_many_s": t_project,
        "write_results_s": t_write,
        "read_and_split_s": elapsed - t_project - t_write,
        "series_per_s_end_to_end": n_done / elapsed,
        "series_per_s_project_many": n_done / t_project,
        "rss_before_reading_mb": (rss_before_kb or 0) / 1024,
        "peak_rss_mb": (_status_kb("VmHWM") or 0) / 1024,
        "ru_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "output_file_mb": os.path.getsize(out_path) / 2**20,
    }


def run(
    n_series: int,
    threads_all: int,
    batch_series: int,
    tmpdir: Optional[str],
    log: Callable[[str], None],
    model: str = "linear",
) -> Dict[str, Any]:
    from panel import write_parquet

    work = Path(tempfile.mkdtemp(prefix="ontrack-bench-", dir=tmpdir))
    try:
        path = work / "panel.parquet"
        out_path = work / "projections.parquet"
        log(f"memory: writing {n_series:,} series x {N_YEARS} years to Parquet")
        t0 = time.perf_counter()
        sizes = write_parquet(str(path), n_series, N_YEARS)
        write_s = time.perf_counter() - t0
        file_mb = path.stat().st_size / 2**20
        log(
            f"memory: wrote {file_mb:,.0f} MB ({sizes['uncompressed_bytes'] / 2**20:,.0f} MB uncompressed) "
            f"in {write_s:.1f} s; streaming it in a fresh process"
        )
        cmd = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--stream",
            str(path),
            str(out_path),
            str(batch_series),
            str(threads_all),
            model,
        ]
        from common import wait_quiet

        wait_quiet()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"the streaming process failed:\n{proc.stderr[-4000:]}")
        child = json.loads(proc.stdout.strip().splitlines()[-1])
        child.update(
            {
                "n_series": n_series,
                "n_years": N_YEARS,
                "rows": sizes["rows"],
                "input_uncompressed_mb": sizes["uncompressed_bytes"] / 2**20,
                "input_parquet_mb": file_mb,
                "parquet_write_s": write_s,
                "peak_above_before_reading_mb": child["peak_rss_mb"]
                - child["rss_before_reading_mb"],
            }
        )
        log(
            f"memory: peak RSS {child['peak_rss_mb']:,.0f} MB (before reading {child['rss_before_reading_mb']:,.0f} MB), "
            f"{child['series_per_s_end_to_end'] / 1e6:.2f} M series/s end to end"
        )
        return child
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] == "--stream":
        _, _, src, dst, batch, threads, model_name = sys.argv
        print(json.dumps(stream(src, dst, int(batch), int(threads), model_name)))
    else:
        sys.exit(
            "usage: memory.py --stream IN.parquet OUT.parquet BATCH_SERIES THREADS MODEL "
            "(run by bench/run.py)"
        )
