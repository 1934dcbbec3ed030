"""Mutation testing with mutmut, and the survival rate per package (README: "Mutatietests").

    nice -n 19 .venv/bin/python tools/mutation.py run --max-children 2
    nice -n 19 .venv/bin/python tools/mutation.py run --unfinished  # what is left after new tests
    .venv/bin/python tools/mutation.py report [--survivors]         # table (and each survivor)

``run`` is ``mutmut run`` (configured in ``pyproject.toml``, ``[tool.mutmut]``)
with five kinds of mutant left out that no test can kill, because the program
does exactly the same with them. Each left-out mutant is listed, with its
reason, in ``mutants/<file>.equivalent.json``; ``report`` counts them.

- ``translation context``: the ``"messages"`` in ``QT_TRANSLATE_NOOP("messages",
  ...)`` changed or replaced by None. The function ignores it at run time; it
  only tells ``pyside6-lupdate`` where the text goes (``tools/update_translations.py``).
- ``SQL case``: upper or lower case of SQL text without a quoted literal.
  SQLite reads keywords and table and column names in any case.
- ``codec name``: the case of a codec name (``"utf-8"`` or ``"UTF-8"``), or the
  name ``"utf-8"`` dropped from ``encode``/``decode``, whose default it is.
- ``HTML case``: upper or lower case of HTML tags without attributes (``<br/>``,
  ``<BR/>``); tag names are read in any case.
- ``temporary name``: the ``prefix`` or ``suffix`` given to ``tempfile.mkstemp``.
  The file lives only until it is renamed into place (or removed on an error),
  and nothing lists, reads or removes files by that name; only what a hard crash
  in the middle of the copy leaves behind would be named differently.

A mutant "survives" when no test failed on it, also when no test reached it
("no tests"); a timeout counts as killed (a test noticed the hang).

mutmut also stops a mutant's tests after a wall-clock limit (15 times their
clean time, plus 15 seconds). At ``nice -n 19`` on a machine that others keep
busy, a child may wait that long for the CPU while nothing hangs, and the
mutant would count as killed. ``run`` therefore gives the wall clock
``--wall-factor`` times more room (default 4); a real endless loop still hits
mutmut's CPU-time limit, which the load does not stretch. ``report`` shows how
many kills were timeouts, and ``run --timeouts`` runs those again.

Each mutant's tests are a new pytest session in a forked child, so the
session fixture ``installed_kit`` (the real bundled kit, imported with PDF
workers: some six seconds) would be built again for every mutant its tests
reach. ``run`` builds it once, with the unchanged code, before the first
child, and the children copy that folder. The import then runs no mutated
code through that fixture; a mutant on the import path must be caught by the
tests that import a kit themselves, which can only turn a kill into a
survivor, never the other way round.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

MUTANTS = Path("mutants")
KILLED = {1, 3, 24, 36, 37, 152, 255, -24}
TIMEOUT = {24, 36, 152, 255, -24}  # killed, by mutmut's time limit (see the docstring)
SURVIVED = {0, 5, 33}
SKIPPED = {34}

SQL_CALLS = {"execute", "executemany", "executescript", "write"}
# SQL text built in pieces (" WHERE ", " AND ") outside the call that runs it.
SQL_START = re.compile(
    r"^\s*(SELECT|INSERT|UPDATE|DELETE|WHERE|AND|OR|ORDER BY|PRAGMA|BEGIN|COMMIT|ROLLBACK|"
    r"CREATE|JOIN|ON CONFLICT)(\s|$)"
)
# Only tags, without attributes: tag names are read in any case (Qt and PyMuPDF alike).
HTML_TAGS = re.compile(r"^(</?[A-Za-z][A-Za-z0-9]*\s*/?>)+$")
CODEC_CALLS = {"encode", "decode", "read_text", "write_text", "open"}
CODECS = {"utf-8", "utf-8-sig", "ascii"}
TEMP_NAME_PARTS = {"prefix", "suffix"}


# -- which mutants are equivalent ---------------------------------------------------------


def _call_name(node) -> str:
    import libcst as cst

    func = node.func
    if isinstance(func, cst.Attribute):
        return func.attr.value
    if isinstance(func, cst.Name):
        return func.value
    return ""


def _in_first_argument(ancestors: list, names: set[str]) -> bool:
    """Whether the innermost of ``ancestors`` sits in the first argument of a call to ``names``."""
    import libcst as cst

    for parent, child in zip(reversed(ancestors[:-1]), reversed(ancestors[1:]), strict=True):
        if isinstance(parent, cst.Call):
            return _call_name(parent) in names and bool(parent.args) and parent.args[0] is child
    return False


def _string_text(node) -> str:
    return node.value[len(node.prefix) + len(node.quote) : -len(node.quote)]


def equivalent(node, mutated, ancestors: list) -> str | None:
    """The reason ``mutated`` behaves exactly like ``node``, or None when it may not.

    ``ancestors`` runs from the module down to ``node`` itself.
    """
    import libcst as cst

    if isinstance(node, cst.SimpleString) and _temporary_name_argument(ancestors):
        return "temporary name"
    if isinstance(node, cst.SimpleString) and isinstance(mutated, cst.SimpleString):
        text = _string_text(node)
        if _in_first_argument(ancestors, {"QT_TRANSLATE_NOOP"}):
            return "translation context"
        if mutated.value.lower() != node.value.lower():
            return None  # not a change of case only
        if text.lower() in CODECS and _in_codec_call(ancestors):
            return "codec name"
        is_sql = _in_first_argument(ancestors, SQL_CALLS) or SQL_START.match(text)
        if is_sql and "'" not in text and '"' not in text:
            return "SQL case"
        if HTML_TAGS.match(text):
            return "HTML case"
        return None
    if isinstance(node, cst.Call) and isinstance(mutated, cst.Call):
        name = _call_name(node)
        if name == "QT_TRANSLATE_NOOP" and len(mutated.args) == len(node.args) == 2:
            first = mutated.args[0].value
            if isinstance(first, cst.Name) and first.value == "None":
                return "translation context"
        if name == "mkstemp" and _only_temporary_name_differs(node, mutated):
            return "temporary name"
        if name in ("encode", "decode") and len(mutated.args) == len(node.args) - 1:
            dropped = [a for a in node.args if not any(a is b for b in mutated.args)]
            if (
                dropped
                and isinstance(dropped[0].value, cst.SimpleString)
                and _string_text(dropped[0].value).lower() == "utf-8"
                and dropped[0].keyword is None
            ):
                return "codec name"
    return None


def _only_temporary_name_differs(node, mutated) -> bool:
    """Whether the two ``mkstemp`` calls differ in the prefix or suffix only."""

    def others(call) -> list:
        return [
            a
            for a in call.args
            if not (a.keyword is not None and a.keyword.value in TEMP_NAME_PARTS)
        ]

    kept, changed = others(node), others(mutated)
    return len(kept) == len(changed) and all(
        a.deep_equals(b) for a, b in zip(kept, changed, strict=True)
    )


def _temporary_name_argument(ancestors: list) -> bool:
    """Whether the innermost of ``ancestors`` is the prefix or suffix given to ``mkstemp``."""
    import libcst as cst

    parent = ancestors[-2] if len(ancestors) > 1 else None
    call = ancestors[-3] if len(ancestors) > 2 else None
    return (
        isinstance(parent, cst.Arg)
        and isinstance(call, cst.Call)
        and _call_name(call) == "mkstemp"
        and parent.keyword is not None
        and parent.keyword.value in TEMP_NAME_PARTS
    )


def _in_codec_call(ancestors: list) -> bool:
    import libcst as cst

    parent = ancestors[-2] if len(ancestors) > 1 else None
    call = ancestors[-3] if len(ancestors) > 2 else None
    return (
        isinstance(parent, cst.Arg)
        and isinstance(call, cst.Call)
        and _call_name(call) in CODEC_CALLS
        and (parent.keyword is None or parent.keyword.value == "encoding")
    )


def _runs(function) -> bool:
    """Whether mutmut runs the mutants in ``function``: top-level functions and methods
    only, and no decorated ones besides static and class methods."""
    import libcst as cst

    if not isinstance(function, cst.FunctionDef):
        return False
    return (
        all(
            isinstance(d.decorator, cst.Name)
            and d.decorator.value in ("staticmethod", "classmethod")
            for d in function.decorators
        )
        and len(function.decorators) <= 1
    )


def _patch_mutmut() -> None:
    """Leave equivalent mutants out of what mutmut generates, and list them per file."""
    import libcst as cst
    from libcst.metadata import PositionProvider
    from mutmut.mutation import file_mutation

    visitor_class = file_mutation.MutationVisitor
    on_visit, on_leave = visitor_class.on_visit, visitor_class.on_leave
    create = visitor_class._create_mutations

    def patched_on_visit(self, node):
        self.__dict__.setdefault("_ancestors", []).append(node)
        return on_visit(self, node)

    def patched_on_leave(self, node):
        self._ancestors.pop()
        return on_leave(self, node)

    def patched_create(self, node):
        before = len(self.mutations)
        create(self, node)
        kept = self.mutations[:before]
        for mutation in self.mutations[before:]:
            reason = equivalent(node, mutation.mutated_node, self._ancestors)
            if reason is None:
                kept.append(mutation)
                continue
            if not _runs(mutation.contained_by_top_level_function):
                continue  # mutmut would not have run it either
            position = self.get_metadata(PositionProvider, node, None)
            self.__dict__.setdefault("equivalent", []).append(
                {
                    "line": position.start.line if position else None,
                    "reason": reason,
                    "mutant": cst.Module([]).code_for_node(mutation.mutated_node)[:120],
                }
            )
        self.mutations[:] = kept

    visitor_class.on_visit = patched_on_visit
    visitor_class.on_leave = patched_on_leave
    visitor_class._create_mutations = patched_create

    original_create_mutations = file_mutation.create_mutations

    def create_mutations(filename, code, *args, **kwargs):
        made = []
        real_visitor = file_mutation.MutationVisitor

        class Recording(real_visitor):
            def __init__(self, *a, **k):
                super().__init__(*a, **k)
                made.append(self)

        file_mutation.MutationVisitor = Recording
        try:
            result = original_create_mutations(filename, code, *args, **kwargs)
        finally:
            file_mutation.MutationVisitor = real_visitor
        found = [item for visitor in made for item in visitor.__dict__.get("equivalent", [])]
        target = MUTANTS / f"{filename}.equivalent.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(found, indent=1, ensure_ascii=False), "utf-8")
        return result

    file_mutation.create_mutations = create_mutations
    _patch_stray_children()
    _forget_inherited_workers()
    _share_installed_kit()


def _patch_wall_limit(factor: float) -> None:
    """Give a mutant's tests ``factor`` times mutmut's wall-clock limit (see the docstring)."""
    from mutmut.workers import isolation

    register = isolation.register_timeout

    def register_timeout(pid: int, timeout_s: float) -> None:
        register(pid, timeout_s * factor)

    isolation.register_timeout = register_timeout


def _share_installed_kit() -> None:
    """Build the real installed kit once for every child (see the docstring)."""
    import atexit
    import shutil
    import tempfile

    from mutmut.workers import isolation

    startup = isolation.ForkRunner.startup

    def share_then_start(self) -> None:
        ui_walk = sys.modules.get("tests.support.ui_walk")
        if ui_walk is not None:  # the clean run used it: mutants/ is on the path
            built = Path(tempfile.mkdtemp(prefix="mutation-kit-"))
            atexit.register(shutil.rmtree, built, ignore_errors=True)  # the parent's exit only
            ui_walk.install_real_kit(built)

            def install_real_kit(folder: Path) -> Path:
                shutil.copytree(built, folder, dirs_exist_ok=True)
                return folder

            ui_walk.install_real_kit = install_real_kit
        startup(self)

    isolation.ForkRunner.startup = share_then_start


def _forget_inherited_workers() -> None:
    """mutmut forks a child per mutant from its own process, where the clean test run
    left idle PDF extraction workers (``companion.pdf.extract_pool``). Those belong to
    the parent: a child that asks after them fails (``can only test a child process``)
    and every mutant would count as killed. The child starts its own."""
    import os

    def forget() -> None:
        pool = sys.modules.get("companion.pdf.extract_pool")
        if pool is not None:
            pool._idle.clear()

    os.register_at_fork(after_in_child=forget)


def _patch_stray_children() -> None:
    """mutmut's fork runner takes any child ``os.wait()`` returns for one of its own.
    A test run in mutmut's own process (stats, clean tests) may leave a child behind
    that ends later (a helper process); mutmut then stops with a KeyError. Pass such
    strangers by."""
    import os
    from datetime import datetime

    from mutmut.workers import isolation

    def wait_for_result(self, timeout: float | None = None):
        if self._no_tests_results:
            return self._no_tests_results.pop(0)
        while True:
            pid, wait_status = os.wait()
            if pid in self._running:
                break
        worker = self._running.pop(pid)
        return isolation.MutantResult(
            mutant_name=worker.mutant_name,
            exit_code=os.waitstatus_to_exitcode(wait_status),
            duration=(datetime.now() - worker.start_time).total_seconds(),
        )

    isolation.ForkRunner.wait_for_result = wait_for_result


# -- report -------------------------------------------------------------------------------


def _read_json(path: Path):
    """A file mutmut may be rewriting at this moment (a report during a run): try again."""
    for _attempt in range(20):
        try:
            return json.loads(path.read_text("utf-8"))
        except json.JSONDecodeError:
            time.sleep(0.1)
    return json.loads(path.read_text("utf-8"))


def _codes() -> dict[Path, dict[str, int | None]]:
    return {
        meta: _read_json(meta).get("exit_code_by_key", {})
        for meta in sorted(MUTANTS.glob("companion/**/*.py.meta"))
    }


def _package(path: Path) -> str:
    return path.relative_to(MUTANTS).parent.as_posix().split("/migrations")[0]


def survivor_names() -> list[str]:
    return [name for codes in _codes().values() for name, code in codes.items() if code in SURVIVED]


def timeout_names() -> list[str]:
    return [name for codes in _codes().values() for name, code in codes.items() if code in TIMEOUT]


def unfinished_names() -> list[str]:
    """What the next run must (re)do: survivors, mutants not run yet, and every mutant of
    a source file changed since its mutants were made (their names change)."""
    names = []
    for meta, codes in _codes().items():
        source = Path(meta.relative_to(MUTANTS).as_posix().removesuffix(".meta"))
        mutated = meta.with_name(meta.name.removesuffix(".meta"))
        if source.exists() and source.stat().st_mtime > mutated.stat().st_mtime:
            names.append(".".join(source.with_suffix("").parts) + ".*")
            continue
        names += [name for name, code in codes.items() if code in SURVIVED or code is None]
    return names


def report(show_survivors: bool) -> int:
    counts: dict[str, Counter] = {}
    for meta, codes in _codes().items():
        c = counts.setdefault(_package(meta), Counter())
        for code in codes.values():
            if code in KILLED:
                c["killed"] += 1
                c["timeout"] += code in TIMEOUT
            elif code in SURVIVED:
                c["survived"] += 1
            elif code in SKIPPED:
                c["skipped"] += 1
            else:
                c["not checked" if code is None else "other"] += 1
        listed = meta.with_name(meta.name.removesuffix(".meta") + ".equivalent.json")
        if listed.exists():
            c["equivalent"] += len(_read_json(listed))
    print(f"{'package':<18}{'mutants':>9}{'killed':>8}{'survived':>10}{'rate':>8}  left out")
    for package, c in counts.items():
        judged = c["killed"] + c["survived"]
        if not judged:
            continue
        rate = 100 * c["survived"] / judged
        extra = ", ".join(
            f"{c[k]} {k}" for k in ("timeout", "not checked", "skipped", "other") if c[k]
        )
        print(
            f"{package:<18}{judged:>9}{c['killed']:>8}{c['survived']:>10}{rate:>7.1f}%"
            f"  {c['equivalent']} equivalent" + (f"; {extra}" if extra else "")
        )
    if show_survivors:
        from mutmut.mutation.diff_apply import get_diff_for_mutant

        for name in survivor_names():
            print(f"\n# {name}\n{get_diff_for_mutant(name)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="mutmut run, without the equivalent mutants")
    run.add_argument("--max-children", type=int, default=2)
    run.add_argument(
        "--unfinished",
        action="store_true",
        help="only survivors, mutants not run yet, and those of changed files",
    )
    run.add_argument(
        "--timeouts",
        action="store_true",
        help="also the mutants killed by a time limit (again, with the wall factor)",
    )
    run.add_argument(
        "--wall-factor",
        type=float,
        default=4.0,
        help="times mutmut's wall-clock limit per mutant (default 4: a loaded machine)",
    )
    run.add_argument(
        "--package",
        action="append",
        help="with --unfinished: only this package or module (repeatable, run in this order)",
    )
    run.add_argument(
        "--fresh-stats",
        action="store_true",
        help="find again which tests reach which function (after tests were changed)",
    )
    run.add_argument("names", nargs="*", help="mutant names or globs (default: all)")
    shown = commands.add_parser("report", help="survival rate per package")
    shown.add_argument("--survivors", action="store_true", help="print each survivor's diff")
    args = parser.parse_args(argv)
    if args.command == "report":
        if not MUTANTS.is_dir():
            print("No mutants/ folder here: run `tools/mutation.py run` first.", file=sys.stderr)
            return 1
        return report(args.survivors)
    names = list(args.names) + (unfinished_names() if args.unfinished else [])
    names += timeout_names() if args.timeouts else []
    if args.package:  # in the order given: what matters most first
        prefixes = [p.replace("/", ".") for p in args.package]
        names = [n for prefix in prefixes for n in names if n.startswith(prefix)]
    if (args.unfinished or args.timeouts) and not names:
        print("Nothing left to run.")
        return 0
    if args.fresh_stats:
        # mutmut looks for the tests that reach a function only for tests it has not seen:
        # a changed test keeps the functions it reached before, and a mutant it would kill
        # now looks like a survivor.
        (MUTANTS / "mutmut-stats.json").unlink(missing_ok=True)
    _patch_mutmut()
    _patch_wall_limit(args.wall_factor)
    from mutmut.__main__ import cli

    return cli.main(
        ["run", "--max-children", str(args.max_children), *names], standalone_mode=False
    )


if __name__ == "__main__":
    raise SystemExit(main())
