"""One benchmark figure against its floor, its target, and how the table prints it.

Kept apart from the runners so every benchmark module builds the same
:class:`Row` and the table reads the same way for seconds, bytes and MB.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field


@dataclass
class Row:
    """One line of the table: the program against its floor.

    ``key`` is stable (the smoke test and anyone reading the JSON find a row
    by it); ``name`` is for people and may say how big the input was.
    """

    key: str
    name: str
    program: float
    floor: float | None
    unit: str
    target: str = ""
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.floor is None or self.floor == 0:
            return None
        return self.program / self.floor

    def verdict(self) -> str:
        """'ok' / 'MISSED' against the target, '' where there is no target.

        A target the table does not know is a mistake in the benchmark, not a pass.
        """
        if not self.target:
            return ""
        check = TARGETS.get(self.target) or parse_target(self.target)
        if check is None:
            raise ValueError(f"row {self.key}: unknown target {self.target!r}")
        return "ok" if check(self) else "MISSED"

    def as_json(self) -> dict:
        return {**asdict(self), "ratio": self.ratio, "verdict": self.verdict()}


def _ratio_at_most(limit: float) -> Callable[[Row], bool]:
    return lambda row: row.ratio is not None and row.ratio <= limit


def _latency_under(limit_ms: float) -> Callable[[Row], bool]:
    """Warm p95 (``p95_ms``) and, where measured, cold p95 (``cold_p95_ms``) under the limit."""
    return lambda row: (
        row.extra.get("p95_ms", math.inf) < limit_ms and row.extra.get("cold_p95_ms", 0) < limit_ms
    )


# A target's unit -> (the row's unit, how many of those one is).
_SCALE = {
    "ms": ("s", 0.001),
    "s": ("s", 1),
    "MB": ("MB", 1),
    "kB": ("bytes", 1000),
    "B": ("bytes", 1),
}


def parse_target(target: str) -> Callable[[Row], bool] | None:
    """The regular kinds: ``ratio<=X``, ``p95<Nms``, ``p99<Nms``, ``<N`` with ms, s, MB, kB, B."""
    if match := re.fullmatch(r"ratio<=([\d.]+)", target):
        return _ratio_at_most(float(match[1]))
    if match := re.fullmatch(r"p95<([\d.]+)ms", target):
        return _latency_under(float(match[1]))
    if match := re.fullmatch(r"(p\d\d)<([\d.]+)ms", target):
        field_name, limit = f"{match[1]}_ms", float(match[2])
        return lambda row: row.extra.get(field_name, math.inf) < limit
    if match := re.fullmatch(r"<([\d.]+)(ms|s|MB|kB|B)", target):
        unit, scale = _SCALE[match[2]]
        limit = float(match[1]) * scale
        return lambda row: row.unit == unit and row.program < limit
    return None


TARGETS: dict[str, Callable[[Row], bool]] = {
    # "at least 100x faster than the floor": the program takes at most 1/100 of its time.
    ">=100x faster": _ratio_at_most(0.01),
    "1 request": lambda row: row.program == 1,
    "<2kB, 1 request": lambda row: (
        row.unit == "bytes" and row.program < 2000 and row.extra.get("requests") == 1
    ),
    # An update costs the changed files plus the manifest and its signature, no more.
    "only changes": lambda row: (
        row.ratio is not None
        and row.ratio <= 1.1
        and row.extra.get("requests", math.inf) <= row.extra.get("floor_requests", 0)
    ),
}


def format_value(value: float | None, unit: str) -> str:
    """A number a person reads at a glance: 29.1 ms, 1.84 s, 412 kB, 187 MB."""
    if value is None:
        return "-"
    if unit == "s":
        if value < 0.001:
            return f"{value * 1e6:.0f} µs"
        if value < 1:
            return f"{value * 1000:.1f} ms"
        return f"{value:.2f} s"
    if unit == "bytes":
        if value < 10_000:
            return f"{value:.0f} B"
        if value < 10_000_000:
            return f"{value / 1000:.1f} kB"
        return f"{value / 1e6:.1f} MB"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "requests":
        return f"{value:.0f} req"
    return f"{value:.4g} {unit}"


def format_ratio(ratio: float | None) -> str:
    """Ratios below 0.1 as a fraction (1/440), so tiny ones stay readable."""
    if ratio is None:
        return "-"
    if ratio == 0:
        return "0"
    if ratio < 0.1:
        return f"1/{1 / ratio:.0f}"
    if ratio >= 100:
        return f"{ratio:.0f}"
    return f"{ratio:.2f}"


def _numbers(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, int | float) for v in value)


def print_table(rows: list[Row]) -> None:
    name_w = max([len("benchmark"), *(len(row.name) for row in rows)])
    header = (
        f"{'benchmark':<{name_w}} {'program':>10} {'floor':>10} {'ratio':>7}  "
        f"{'target':<12} verdict"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row.name:<{name_w}} {format_value(row.program, row.unit):>10} "
            f"{format_value(row.floor, row.unit):>10} {format_ratio(row.ratio):>7}  "
            f"{row.target:<12} {row.verdict()}"
        )
        details = {
            k: v for k, v in row.extra.items() if not isinstance(v, list | dict) or _numbers(v)
        }
        if details:
            print(f"{'':<4}{json.dumps(details, ensure_ascii=False)}")
        if row.note:
            print(f"{'':<4}{row.note}")


def markdown_table(rows: list[Row]) -> str:
    """The table as Markdown, for README's figures (program, floor, ratio, target, verdict)."""
    lines = [
        "| Rij | Programma | Vloer | Verhouding | Doel | Oordeel |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        verdict = row.verdict()
        lines.append(
            f"| `{row.key}` | {format_value(row.program, row.unit)} | "
            f"{format_value(row.floor, row.unit)} | {format_ratio(row.ratio)} | "
            f"{row.target.replace('|', '/')} | {'**MISSED**' if verdict == 'MISSED' else verdict} |"
        )
    return "\n".join(lines) + "\n"
