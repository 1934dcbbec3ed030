"""The benchmarks still run: ``python -m benchmarks.run --tiny`` gives every figure.

Speed is not pass or fail here (that is what the full run and its verdicts
are for); this only proves that every benchmark measured something and its
floor, so none of them rots unnoticed.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Every row the issue asks for, by its stable key.
EXPECTED = {
    "start",
    "import_bundled",
    "import_generated",
    "render_fit_width",
    "viewer_jump",
    "viewer_jump_after_jump",
    "open_500",
    "gui_lateness",
    "hidpi_rss",
    "search",
    "sync_check",
    "sync_update",
    "sync_full_download",
}


def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def test_tiny_run_measures_every_benchmark_against_its_floor(tmp_path):
    results = tmp_path / "results.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.run",
            "--tiny",
            "--out",
            str(tmp_path / "out"),
            "--json",
            str(results),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads(results.read_text())
    assert data["tiny"] is True
    rows = {row["key"]: row for row in data["rows"]}
    assert set(rows) == EXPECTED

    for key, row in rows.items():
        assert is_number(row["program"]) and row["program"] >= 0, key
        if row["floor"] is None:
            # Only pdfgrep may be missing (--tiny installs nothing), and the note says so.
            assert key == "search" and "pdfgrep" in row["note"], key
        else:
            assert is_number(row["floor"]) and row["floor"] > 0, key
            assert math.isclose(row["ratio"], row["program"] / row["floor"]), key
        assert row["verdict"] in ("", "ok", "MISSED"), key
        assert row["name"] in proc.stdout, key  # the table shows every row

    # Figures that are counts, not times: what the sync did is exact.
    assert rows["sync_check"]["program"] >= 1
    assert rows["sync_update"]["extra"]["requests"] >= 3
    assert rows["hidpi_rss"]["extra"]["peak_pss_mb"] > 0
    assert is_number(rows["search"]["extra"]["p95_ms"])
