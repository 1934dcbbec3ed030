"""The window's own process never loads MuPDF: the engine workers do all of it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pymupdf

from tests.support.project import ROOT
from tests.support.ui_walk import real_kit_copy
from tests.support.viewer_support import numbered_pdf


def test_reading_finding_presenting_and_printing_load_no_mupdf_in_the_window(
    installed_kit, tmp_path
):
    data_dir = real_kit_copy(installed_kit, tmp_path / "data")
    pdf = tmp_path / "eigen.pdf"
    pdf.write_bytes(numbered_pdf(4, {2: "Een vindplaats om te vinden."}))
    out = tmp_path / "afdruk.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "tests.support.gui_probe", str(data_dir), str(pdf), str(out)],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    done = ("kit_page", "kit_hits", "file_page", "file_hits", "selected", "presented", "printed")
    assert {step: seen[step] for step in done} == dict.fromkeys(done, True)
    assert seen["mupdf_in_window"] == []
    assert seen["engine_workers"] == min(2, os.cpu_count() or 1)
    assert pymupdf.open(out).page_count == 4  # printed, by the workers
