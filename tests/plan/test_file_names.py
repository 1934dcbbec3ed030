"""Export names from plan names: real files on disk, and names Windows would take too."""

from __future__ import annotations

import pytest

from companion.plan.actionplan import ActionPlanService
from companion.plan.export import ExportData, export_csv, export_ics, export_pdf
from companion.plan.file_names import export_file_name, safe_file_name, safe_file_stem
from companion.plan.plan_file import write_plan_file
from companion.store.user_store import UserStore

# Windows' rules, written out here rather than taken from the code under test.
WINDOWS_FORBIDDEN = set('<>:"/\\|?*') | {chr(n) for n in range(32)}
WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL"} | {
    f"{p}{n}" for p in ("COM", "LPT") for n in range(10)
}


def windows_accepts(name: str) -> bool:
    return (
        not set(name) & WINDOWS_FORBIDDEN
        and not name.endswith((".", " "))
        and name.split(".")[0].upper() not in WINDOWS_DEVICES
    )


@pytest.fixture
def service(tmp_path):
    user = UserStore(tmp_path / "user.sqlite")
    yield ActionPlanService(user)
    user.close()


def export_everything(service: ActionPlanService, name: str, folder) -> dict[str, str]:
    """Export a plan called ``name`` in every format into ``folder``; the names used."""
    plan = service.create_plan(name)
    service.add_action(plan.id, title="Bel de gemeente")
    data = ExportData(plan, service.actions(plan.id))
    writers = {
        "pdf": lambda path: export_pdf(data, path),
        "csv": lambda path: export_csv(data, path),
        "ics": lambda path: export_ics(data, path),
        "actieplan": lambda path: write_plan_file(service.snapshot(plan.id), path),
    }
    names = {}
    for kind, write in writers.items():
        names[kind] = export_file_name(plan.name, kind)
        write(folder / names[kind])
    return names


def test_a_plan_name_of_200_accented_letters_exports_under_a_shorter_name(service, tmp_path):
    # 200 "é" are 400 bytes: as a file name that is "File name too long" on Linux and macOS.
    names = export_everything(service, "é" * 200, tmp_path)
    # 120 bytes at most: "actieplan-" (10) + 53 "é" (106) + ".pdf" (4); 50 "é" with ".actieplan".
    assert names == {
        "pdf": "actieplan-" + "é" * 53 + ".pdf",
        "csv": "actieplan-" + "é" * 53 + ".csv",
        "ics": "actieplan-" + "é" * 53 + ".ics",
        "actieplan": "actieplan-" + "é" * 50 + ".actieplan",
    }
    exported = {p.name for p in tmp_path.iterdir() if not p.name.startswith("user.sqlite")}
    assert exported == set(names.values())


def test_a_plan_called_con_exports_to_a_file_windows_can_open(service, tmp_path):
    names = export_everything(service, "CON", tmp_path)
    assert names["csv"] == "actieplan-CON.csv"
    assert (tmp_path / "actieplan-CON.csv").read_bytes().startswith("\ufeffTitel".encode())
    assert all(windows_accepts(name) for name in names.values())


@pytest.mark.parametrize(
    ("text", "extension", "expected"),
    [
        ("CON", "txt", "CON_.txt"),
        ("nul.tar", "gz", "nul_.tar.gz"),
        ("Com1 ", "csv", "Com1_.csv"),
        ("lpt9", "", "lpt9_"),
        ('Plan: 2026/2027 <"a|b"> *?\\ klaar...', "csv", "Plan-2026-2027-a-b-klaar.csv"),
        ("Bieb\tZaan\x00stad\u202egpj.exe", "pdf", "Bieb-Zaan-stad-gpj.exe.pdf"),
        ("..verborgen", "txt", "verborgen.txt"),
        ("   ", "csv", "leeg.csv"),
        ("?*?", "csv", "leeg.csv"),
        ("Zaanstad, 2026 (concept)", "ics", "Zaanstad,-2026-(concept).ics"),
    ],
)
def test_names_windows_refuses_are_cleaned(text, extension, expected):
    name = safe_file_name(text, extension, "leeg")
    assert name == expected
    assert windows_accepts(name)


def test_the_byte_cap_never_splits_a_letter_from_its_accent():
    # "q" with an acute accent has no single code point: 3 bytes per letter.
    assert safe_file_stem("q\u0301" * 50, "leeg", 10) == "q\u0301" * 3
    assert safe_file_stem("ab" + "中" * 10, "leeg", 7) == "ab中"
    assert export_file_name("x" * 300, "csv") == "actieplan-" + "x" * 106 + ".csv"
