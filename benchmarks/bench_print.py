"""The print job issue 17 names: 4 pages made a 4.6 MB image job.

One row, ``print_job``: the bytes of the vector job the program sends now
(4 pages of a real werkblad, filled in) against the image job of the same
pages drawn at 300 dpi, the way it printed before. The seconds of both,
cold (first) and warm, are in ``extra``. Measured in a process of its own
(benchmarks/print_driver.py).
"""

from __future__ import annotations

import statistics
from pathlib import Path

from .measure import driver_env, run_json
from .table import Row


def print_rows(work: Path, tiny: bool) -> list[Row]:
    work.mkdir(parents=True, exist_ok=True)
    found = run_json(["benchmarks.print_driver", str(work), "2" if tiny else "5"], driver_env())
    vector_s, image_s = found["vector_s"], found["image_s"]
    return [
        Row(
            key="print_job",
            name="print job, 4 werkblad pages (filled)",
            program=found["vector_bytes"],
            floor=found["image_bytes"],
            unit="bytes",
            target="ratio<=0.1",
            note=(
                "vector PDF from the engine (answers flattened, text searchable) against the "
                "same 4 pages drawn at 300 dpi onto a QPrinter PDF, as printing was before"
            ),
            extra={
                "vector_cold_s": vector_s[0],
                "vector_warm_s": statistics.median(vector_s[1:]),
                "image_cold_s": image_s[0],
                "image_warm_s": statistics.median(image_s[1:]),
                "answers_as_text": found["answers_as_text"],
            },
        )
    ]
