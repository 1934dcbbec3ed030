"""Collect the program's texts for translators and build the translation files.

    python tools/update_translations.py          # update .ts, build .qm, report
    python tools/update_translations.py --check  # also fail when a text has no translation

1. ``pyside6-lupdate`` reads every Python file under ``companion/`` and adds new
   texts to ``resources/i18n/strategiekit_en.ts`` (texts in ``self.tr(...)``,
   ``QCoreApplication.translate(...)`` and ``QT_TRANSLATE_NOOP(...)``). Texts
   that are gone are dropped; translations already made are kept.
2. Translate the new texts: open the .ts file in Qt Linguist (``pyside6-linguist``)
   or edit the XML (``<translation type="unfinished">`` → your words).
3. ``pyside6-lrelease`` builds ``strategiekit_en.qm``, which the program loads.

Run it again after translating; commit both the .ts and the .qm file.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "companion"
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("en",)


def tool(name: str) -> str:
    """The PySide6 tool beside this Python (a venv), else the one on PATH."""
    local = Path(sys.executable).with_name(name)
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: pip install PySide6-Essentials")
    return found


def unfinished(ts_file: Path) -> list[str]:
    """Source texts without a finished translation."""
    root = ET.parse(ts_file).getroot()
    missing = []
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None:
            continue
        kind = translation.get("type", "")
        if kind in ("vanished", "obsolete"):
            continue
        if kind == "unfinished" or not (translation.text or "").strip():
            missing.append(message.findtext("source") or "")
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a text is untranslated")
    args = parser.parse_args(argv)
    files = sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))
    status = 0
    for language in LANGUAGES:
        ts_file = I18N / f"strategiekit_{language}.ts"
        qm_file = ts_file.with_suffix(".qm")
        I18N.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                *files,
                "-no-obsolete",
                "-locations",
                "none",
                "-source-language",
                "nl",
                "-target-language",
                language,
                "-ts",
                str(ts_file.relative_to(ROOT)),
            ],
            cwd=ROOT,
            check=True,
        )
        subprocess.run(
            [tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)], cwd=ROOT, check=True
        )
        missing = unfinished(ts_file)
        for source in missing:
            print(f"untranslated ({language}): {source}")
        if missing and args.check:
            status = 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
