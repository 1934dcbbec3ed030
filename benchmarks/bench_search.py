"""Search as a person meets it: the engine cold and warm, grep, and typing in the real screen.

* ``search_p95_10k``: the engine's p95 over fixed Dutch queries on exactly
  10,000 pages, warm (one connection, used before with other queries) and
  cold (each query the first on a fresh connection in a fresh process).
  Floor: the same question to a plain FTS5 table of the same page texts
  (benchmarks/floor_index.py), cold and warm the same way, interleaved.
* ``search_vs_grep``: a cold search against grepping the PDFs: ``pdfgrep``
  when it is installed, else PyMuPDF's text of every page and a Python
  regex (nothing is ever installed).
* ``search_ui_latency``: the last key typed in the real search screen until
  the result list is painted with the right results (benchmarks/app_driver.py),
  at 10,000 pages (and 20,000 in extra). Floor: a bare line edit and list
  running the same engine once the whole query is typed.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from companion.kit.search import KitSearch
from companion.store.kit_store import KitStore

from .floor_index import FloorIndex, build
from .kits import Kit, kit_store_path
from .measure import Pair, driver_env, interleave, ms, p95, run_json, spawn_until_line
from .table import Row

# What people type: whole words, two words, half a word, no diacritics, one
# word that is nowhere, and common little words that match nearly every page.
ENGINE_QUERIES = (
    "laaggeletterden",
    "vindplaatsen gemeente",
    "reintegratie",
    "klantreis",
    "schaamte",
    "werkgever werknemers",
    "taalhuis",
    "doorverwijzen",
    "digitale overheid",
    "accountant",
    "bewustwording",
    "coordinator",
    "laaggel",
    "de bibliotheek",
    "de het een",
    "xylofoon",
)
WARMUP_QUERIES = ("samenwerking", "vrijwilliger formulier", "balie")
GREP_QUERIES = ("vindplaatsen gemeente", "schaamte", "accountant", "taalhuis")

# Typed in the search screen: a word, then often a second one.
UI_FIRST = (
    "gemeente",
    "vindplaatsen",
    "taalhuis",
    "werkgever",
    "schaamte",
    "klantreis",
    "huisarts",
    "digitale overheid",
    "doorverwijzen",
    "bewustwording",
)
UI_LAST = ("bus", "het", "een", "partners", "ouders", "brief", "wijk", "balie", "school", "")
UI_SHOWN = 3  # the results a person sees first; the list must show these, in order
TYPING_GAP_MS = 120  # a steady typist: about 8 keys a second
PAUSE_S = 0.5  # between queries: the person reads, then types again


# -- the floor index ---------------------------------------------------------------------------


def floor_index(kit: Kit, out: Path) -> Path:
    """The plain FTS5 index of ``kit`` (made once per kit and PyMuPDF version)."""
    version = re.sub(r"\W", "", pymupdf.VersionBind)
    target = out / f"floor-fts-{kit.folder.name}-{version}.sqlite"
    if not target.exists():
        build(kit.files(), target)
    return target


# -- the engine, cold and warm -------------------------------------------------------------------


def _probe(
    mode: str,
    path: Path,
    query: str,
    prepared: list[float] | None = None,
    *,
    counted: bool = False,
) -> float:
    """The first search in a fresh process; ``prepared`` collects what preparing the
    connection took, ``counted`` adds it to the search's time."""
    result = run_json(["benchmarks.search_probe", mode, str(path), query], driver_env())
    prepare = result.get("prepare_s", 0.0)
    if prepared is not None:
        prepared.append(prepare)
    return result["first_s"] + (prepare if counted else 0.0)


def _grep_floor(kit: Kit, work: Path) -> tuple[object, str, str]:
    """How to grep one query over the kit's PDFs, the tool's name, and what the note says."""
    pdfgrep = shutil.which("pdfgrep")
    if pdfgrep:
        folder = work / "pdfgrep"
        folder.mkdir(parents=True, exist_ok=True)
        for path in kit.files():  # pdfgrep -r reads only files named *.pdf
            shutil.copyfile(path, folder / f"{path.name}.pdf")

        def grep(query: str) -> None:
            command = [pdfgrep, "-r", "-i", "-c", query.split()[0], str(folder)]
            subprocess.run(command, capture_output=True, check=False)

        return grep, "pdfgrep", "pdfgrep -r -i -c (first word) over copies of the same PDFs"

    def extract_and_match(query: str) -> None:
        pattern = re.compile(re.escape(query.split()[0]), re.IGNORECASE)
        for path in kit.files():
            with pymupdf.open(path) as doc:
                sum(1 for page in doc if pattern.search(page.get_text("text")))

    return (
        extract_and_match,
        "pymupdf+re",
        "pdfgrep is not installed, so the floor is PyMuPDF text extraction of every page of "
        "the same PDFs and a case-insensitive Python regex (first word), in this process",
    )


def _with_snippets(search: KitSearch, query: str) -> list[str]:
    """The search and every result's snippet (made when first read), as the floor
    makes a snippet for each of its results."""
    return [hit.snippet for hit in search.search(query)]


def engine_row(store: Path, kit: Kit, floor_db: Path, tiny: bool) -> Row:
    """search_p95_10k: the engine cold and warm against the plain FTS5 floor."""
    rounds = 2 if tiny else 10
    cold_rounds = 1 if tiny else 2
    cold_queries = ENGINE_QUERIES[:4] if tiny else ENGINE_QUERIES
    cold = Pair()
    prepared: list[float] = []
    for _ in range(cold_rounds):  # each a fresh process, program and floor in turns
        for query in cold_queries:
            interleave(
                lambda q=query: _probe("program", store, q, prepared),
                lambda q=query: _probe("floor", floor_db, q),
                1,
                cold,
            )

    program_store = KitStore(store)
    search = KitSearch(program_store)
    floor = FloorIndex(floor_db)
    try:
        for query in WARMUP_QUERIES:  # a session in use, but not with the measured queries
            search.search(query)
            floor.search(query)
        warm = Pair()
        for _ in range(rounds):
            for query in ENGINE_QUERIES:
                interleave(
                    lambda q=query: _with_snippets(search, q),
                    lambda q=query: floor.search(q),
                    1,
                    warm,
                )
    finally:
        program_store.close()
        floor.close()

    pages = kit.pages
    return Row(
        "search_p95_10k",
        f"search p95, warm (cold in extra), {pages:,} pages",
        p95(warm.program),
        p95(warm.floor),
        "s",
        target="p95<50ms",
        note=(
            f"engine (KitSearch.search), {len(ENGINE_QUERIES)} fixed Dutch queries. Warm: one "
            f"connection used before with other queries, {rounds} rounds. Cold: each query the "
            "first on a fresh connection in a fresh process, after the connection was "
            "opened and prepared as the search screen's thread does when the screen opens "
            "(KitSearch.prepare: documents, synonyms, word list, stemmer, rapidfuzz; not "
            "counted, its median in extra as cold_prepare_p50_ms). Every result's snippet is "
            "read (made when first read), as the floor makes them. "
            "Floor: the same question to a plain FTS5 table of the same page texts "
            "(best page of the top 50 documents + snippets), cold and warm alike, interleaved. "
            "Verdict: warm and cold p95 both under 50 ms"
        ),
        extra={
            "p50_ms": ms(statistics.median(warm.program)),
            "p95_ms": ms(p95(warm.program)),
            "cold_p50_ms": ms(statistics.median(cold.program)),
            "cold_p95_ms": ms(p95(cold.program)),
            "cold_prepare_p50_ms": ms(statistics.median(prepared)),
            "floor_p50_ms": ms(statistics.median(warm.floor)),
            "floor_p95_ms": ms(p95(warm.floor)),
            "floor_cold_p50_ms": ms(statistics.median(cold.floor)),
            "floor_cold_p95_ms": ms(p95(cold.floor)),
            "warm_searches": len(warm.program),
            "cold_searches": len(cold.program),
            "pages": pages,
        },
    )


def grep_row(store: Path, kit: Kit, work: Path, tiny: bool) -> Row:
    grep, tool, how = _grep_floor(kit, work)
    queries = GREP_QUERIES[: 2 if tiny else 3]
    pair = Pair()
    for query in queries:
        interleave(
            lambda q=query: _probe("program", store, q, counted=True),
            lambda q=query: grep(q),
            1,
            pair,
        )
    return Row(
        "search_vs_grep",
        f"search against grep, {kit.pages:,} pages",
        statistics.median(pair.program),
        statistics.median(pair.floor),
        "s",
        target=">=100x faster",
        note=(
            "program: a cold search (first on a fresh connection in a fresh process, "
            "preparing the connection counted), "
            f"{len(queries)} queries; floor: {how}; interleaved, medians"
        ),
        extra={"floor_tool": tool, "queries": list(queries)},
    )


# -- typing in the real search screen -----------------------------------------------------------


def _shown(search: KitSearch, text: str) -> list[str]:
    return [hit.title for hit in search.search(text)[:UI_SHOWN]] if text.strip() else []


def ui_queries(store: Path, wanted: int) -> list[dict]:
    """Queries whose first results differ from those of every shorter prefix.

    The driver knows the results are the final ones only by what the list
    shows, so what a person typed on the way there must not show the same.
    """
    candidates = [f"{first} {last}".strip() for first, last in itertools.product(UI_FIRST, UI_LAST)]
    random.Random(12).shuffle(candidates)
    kit_store = KitStore(store)
    search = KitSearch(kit_store)
    chosen: list[dict] = []
    try:
        for text in candidates:
            expected = _shown(search, text)
            if not expected:
                continue
            if all(_shown(search, text[:end]) != expected for end in range(1, len(text))):
                chosen.append({"text": text, "expect": expected})
            if len(chosen) == wanted:
                break
    finally:
        kit_store.close()
    if not chosen:
        raise RuntimeError("no query tells its results apart from its prefixes")
    return chosen


@dataclass(frozen=True)
class Installed:
    """A data folder with a kit installed, ready for the program to start on."""

    data_dir: Path
    kit: Kit


def _ui_latencies(installed: Installed, work: Path, processes: int, queries: int) -> tuple:
    env = driver_env(work)
    kit = installed.kit
    app_args = ["benchmarks.app_driver", "app", str(installed.data_dir), str(kit.folder)]
    _seconds, shown = spawn_until_line([*app_args, str(kit.pub)], env)  # warms the file cache
    plan = {
        "queries": ui_queries(kit_store_path(installed.data_dir), queries),
        "gap_ms": TYPING_GAP_MS,
        "pause_s": PAUSE_S,
        "window": shown["window"],
    }
    runs: dict[str, list[list[float]]] = {"program": [], "floor": []}

    def run(side: str) -> float:
        # Each process starts at another query, so each query is the cold one once.
        turn = len(runs[side])
        rotated = {**plan, "queries": plan["queries"][turn:] + plan["queries"][:turn]}
        plan_file = work / f"plan-{kit.pages}-{side}-{turn}.json"
        plan_file.write_text(json.dumps(rotated, ensure_ascii=False))
        data, folder = str(installed.data_dir), str(kit.folder)
        if side == "program":
            args = ["search", data, folder, str(kit.pub), str(plan_file)]
        else:
            args = ["bare-search", data, str(plan_file)]
        result = run_json(["benchmarks.app_driver", *args], env, timeout=900)
        if result.get("error"):
            raise RuntimeError(f"search driver ({side}): {result['error']}")
        runs[side].append(result["latencies"])
        return 0.0

    interleave(lambda: run("program"), lambda: run("floor"), processes)
    return runs, plan


def _split(runs: list[list[float]]) -> tuple[list[float], list[float]]:
    """(cold, warm): the first query of each fresh process, and the rest."""
    cold = [latencies[0] for latencies in runs]
    warm = [t for latencies in runs for t in latencies[1:]] or cold
    return cold, warm


def ui_row(sizes: list[Installed], work: Path, tiny: bool) -> Row:
    processes = 1 if tiny else 3
    queries = 2 if tiny else 8
    extra: dict = {}
    main: tuple | None = None
    for number, installed in enumerate(sizes):
        runs, plan = _ui_latencies(installed, work, processes, queries)
        cold, warm = _split(runs["program"])
        floor_cold, floor_warm = _split(runs["floor"])
        pages = installed.kit.pages
        suffix = "" if number == 0 else f"_{pages // 1000}k" if pages >= 1000 else f"_{pages}p"
        extra.update(
            {
                f"p50{suffix}_ms": ms(statistics.median(warm)),
                f"p95{suffix}_ms": ms(p95(warm)),
                f"cold_p50{suffix}_ms": ms(statistics.median(cold)),
                f"cold_p95{suffix}_ms": ms(p95(cold)),
                f"floor_p50{suffix}_ms": ms(statistics.median(floor_warm)),
                f"floor_cold_p50{suffix}_ms": ms(statistics.median(floor_cold)),
                f"pages{suffix}": installed.kit.pages,
            }
        )
        if main is None:
            main = (warm, floor_warm, plan, installed.kit.pages)
    assert main is not None
    warm, floor_warm, plan, pages = main
    extra["queries"] = [q["text"] for q in plan["queries"]]
    extra["window"] = plan["window"]
    return Row(
        "search_ui_latency",
        f"search screen, last key to results painted, {pages:,} pages",
        statistics.median(warm),
        statistics.median(floor_warm),
        "s",
        target="p95<100ms",
        note=(
            f"the real program started as main.py starts it; Ctrl+K, then each query typed key by "
            f"key into the focused box, {TYPING_GAP_MS} ms apart; timed from when the last key "
            f"was due until the result list was painted showing the first {UI_SHOWN} expected "
            f"titles. {processes} fresh processes x {len(plan['queries'])} queries; cold = first "
            "query of a process (each process starts at another one). Floor: a bare QLineEdit + "
            "QListView that runs the same engine once the whole query is typed and lists the "
            "titles (search + list + paint, nothing else), interleaved. Median shown; verdict: "
            "warm and cold p95 under 100 ms"
        ),
        extra=extra,
    )
