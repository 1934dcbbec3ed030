"""Read the kit's sources: the text files the team edits to make a kit version.

The sources are the only place where kit content is written by hand; the
publisher turns them into PDFs and a signed manifest. So every mistake an
editor can make (a typo in a key, a step pointing at a renamed document, two
files with the same id) is caught here, with the file named, before anything
is built. A half-published kit would break ids that user data depends on.

Layout of a sources folder (see bundled_kit/README.md)::

    kit.toml          kit id, title, version, date, changes, [[themes]]
    steps.toml        [[steps]] with [[steps.items]]: the "waar begin je?" route
    synonyms.toml     optional: [[synonyms]] words = [...], words that mean the same
    **/<id>.md        one document: TOML front matter between +++ lines, then Markdown
"""

from __future__ import annotations

import datetime as _dt
import re
import shlex
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion.errors import FileProblem, SourceError, SourceProblemsError
from companion.i18n import QT_TRANSLATE_NOOP, Text
from companion.kit.manifest import (
    DOCUMENT_TYPES,
    MAX_SYNONYM_GROUPS,
    MAX_SYNONYM_LENGTH,
    MAX_SYNONYMS_PER_GROUP,
    MAX_WORKSHOP_WERKBLADEN,
    MEDIA_SUFFIXES,
    DocumentMeta,
    Step,
    StepItem,
    Theme,
    synonym_group,
)

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
FRONT_MATTER_FENCE = "+++"
# Body extensions: one directive on its own line, at the start of the line (so never
# inside a list or quote), e.g. [[veld naam="wie" label="Wie?" regels=3]].
DIRECTIVE_LINE = re.compile(r"^\[\[([a-z]+)((?:\s+[^\]]*)?)\]\]\s*$")
DIRECTIVES = ("veld", "vink", "dia", "notities")
MAX_FIELD_LINES = 20

_DOC_REQUIRED = ("id", "title", "type", "themes", "summary", "audience")
_DOC_OPTIONAL = ("minutes", "url", "pdf", "media", "werkbladen")


# Themes and steps are written exactly as the manifest holds them.
ThemeSource = Theme
StepItemSource = StepItem
StepSource = Step


@dataclass(frozen=True)
class DocumentSource(DocumentMeta):
    body: str
    path: Path
    # An existing PDF that is the document, byte for byte (front matter ``pdf``);
    # the Markdown body is then not used (notes for the kit's editors).
    pdf: Path | None = None
    # A video's own file, played offline (front matter ``media``).
    media: Path | None = None
    # A workshop's werkbladen (front matter ``werkbladen``), for its printpakket.
    werkbladen: tuple[str, ...] | None = None


@dataclass(frozen=True)
class KitSources:
    kit: str
    title: str
    version: int
    published: str
    changes: str
    themes: tuple[ThemeSource, ...]
    documents: tuple[DocumentSource, ...]
    steps: tuple[StepSource, ...]
    # Groups of words that mean the same in the kit, for search (synonyms.toml).
    synonyms: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Directive:
    """A body line in double brackets: a form field (veld, vink) or a slide break (dia)."""

    kind: str
    name: str = ""
    label: str = ""
    lines: int = 1


@dataclass
class SourceCheck:
    """What a sources folder holds, and every mistake found in it (one per file)."""

    sources: KitSources | None
    documents: tuple[DocumentSource, ...]
    errors: list[SourceError]


def problem_of(error: SourceError) -> FileProblem:
    """A source mistake as one line of the publish report."""
    params = error.message.params
    if "name" in params and "problem" in params:
        name = str(params["name"])
        detail = error.detail.removeprefix(f"{name}: ")
        return FileProblem(name, params["problem"], detail=detail)  # type: ignore[arg-type]
    return FileProblem("", error.message, detail=error.detail)


def raise_problems(errors: list[SourceError], more: list[FileProblem] = ()) -> None:
    """Nothing when all is well; the one error, or a report naming every problem."""
    problems = [problem_of(e) for e in errors] + list(more)
    if not problems:
        return
    if len(errors) == 1 and not more:
        raise errors[0]
    raise SourceProblemsError(problems)


def load_kit_sources(folder: Path) -> KitSources:
    """Read and check a whole sources folder; a SourceError names every mistake."""
    check = read_kit_sources(folder)
    raise_problems(check.errors)
    assert check.sources is not None
    return check.sources


def read_kit_sources(folder: Path) -> SourceCheck:
    """Read a whole sources folder, going on past mistakes so all are found at once.

    Each file is checked on its own: one broken document does not hide the
    mistakes in the next. Only a missing folder stops at once.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise _fail(
            folder,
            Text(QT_TRANSLATE_NOOP("messages", "de map met bronnen bestaat niet")),
            "not a folder",
        )
    errors: list[SourceError] = []
    head: dict[str, Any] | None = None
    themes: tuple[ThemeSource, ...] = ()
    try:
        kit_data = _read_toml(folder / "kit.toml", folder)
        where = _Where(folder / "kit.toml", folder)
        head = {
            "kit": where.ident(kit_data.get("kit"), "kit"),
            "title": where.text(kit_data, "title", limit=200),
            "version": where.integer(kit_data, "version", 1, 10**9),
            "published": where.date(kit_data, "published"),
            "changes": where.text(kit_data, "changes", empty=True),
        }
        where.only_keys(kit_data, ("kit", "title", "version", "published", "changes", "themes"))
        themes = tuple(_theme(t, i, where) for i, t in enumerate(where.tables(kit_data, "themes")))
        _unique([t.id for t in themes], "thema", where)
    except SourceError as exc:
        errors.append(exc)
        head = None

    theme_ids = {t.id for t in themes} if head is not None else None
    documents = _load_documents(folder, theme_ids, errors)
    errors.extend(_werkblad_errors(documents, folder))  # after all documents: they name others
    # Steps are checked against every document file there is, also one with a
    # mistake of its own, so that one mistake is not reported twice.
    known = {d.id for d in documents} | {
        p.stem for p in folder.rglob("*.md") if p.name.lower() != "readme.md"
    }
    steps: tuple[StepSource, ...] = ()
    try:
        steps = _load_steps(folder, known)
    except SourceError as exc:
        errors.append(exc)
    synonyms: tuple[tuple[str, ...], ...] = ()
    try:
        synonyms = _load_synonyms(folder)
    except SourceError as exc:
        errors.append(exc)
    sources = None
    if head is not None:
        sources = KitSources(
            themes=themes, documents=documents, steps=steps, synonyms=synonyms, **head
        )
    return SourceCheck(sources, documents, errors)


def parse_directive(line: str) -> Directive | None:
    """The directive on this body line, or None for ordinary Markdown.

    Raises ValueError with an English reason for a malformed directive; callers
    turn that into a SourceError naming the file.
    """
    match = DIRECTIVE_LINE.match(line)
    if not match:
        return None
    kind, rest = match.group(1), match.group(2)
    if kind not in DIRECTIVES:
        raise ValueError(f"unknown directive [[{kind}]]; known: {', '.join(DIRECTIVES)}")
    try:
        parts = shlex.split(rest)
    except ValueError as exc:
        raise ValueError(f"[[{kind}]]: {exc}") from exc
    attrs: dict[str, str] = {}
    for part in parts:
        key, sep, value = part.partition("=")
        if not sep or key not in ("naam", "label", "regels"):
            raise ValueError(f"[[{kind}]]: unexpected {part!r}; use naam=, label=, regels=")
        attrs[key] = value
    if kind in ("dia", "notities"):
        if attrs:
            raise ValueError(f"[[{kind}]] takes no attributes")
        return Directive(kind=kind)
    name = attrs.get("naam", "")
    if not ID_PATTERN.match(name):
        raise ValueError(f"[[{kind}]]: naam {name!r} must be lowercase letters, digits and -")
    label = attrs.get("label", "").strip()
    if not label:
        raise ValueError(f"[[{kind}]] naam={name!r} needs a label")
    lines = 1
    if "regels" in attrs:
        if kind != "veld" or not attrs["regels"].isdigit():
            raise ValueError(f"[[{kind}]] naam={name!r}: regels must be a number, only for veld")
        lines = int(attrs["regels"])
        if not 1 <= lines <= MAX_FIELD_LINES:
            raise ValueError(f"[[veld]] naam={name!r}: regels must be 1 to {MAX_FIELD_LINES}")
    return Directive(kind=kind, name=name, label=label, lines=lines)


def _load_documents(
    folder: Path, theme_ids: set[str] | None, errors: list[SourceError]
) -> tuple[DocumentSource, ...]:
    docs: list[DocumentSource] = []
    seen: dict[str, Path] = {}
    paths = [
        p
        for p in sorted(folder.rglob("*.md"))
        if not p.name.startswith(".") and p.name.lower() != "readme.md"
    ]
    for path in paths:
        try:
            doc = _load_document(path, folder, theme_ids)
        except SourceError as exc:
            errors.append(exc)
            continue
        if doc.id in seen:
            errors.append(
                _fail(
                    path,
                    Text(
                        QT_TRANSLATE_NOOP("messages", "het id {id} komt twee keer voor"),
                        id=repr(doc.id),
                    ),
                    f"duplicate document id {doc.id!r}, also in {_rel(seen[doc.id], folder)}",
                    folder,
                )
            )
            continue
        seen[doc.id] = path
        docs.append(doc)
    if not paths:
        errors.append(
            _fail(
                folder,
                Text(QT_TRANSLATE_NOOP("messages", "er staan geen documenten in de bronnen")),
                "no *.md documents",
            )
        )
    # Type order as the kit presents it, then id: stable whatever the file system does.
    docs.sort(key=lambda d: (DOCUMENT_TYPES.index(d.type), d.id))
    return tuple(docs)


def _load_document(path: Path, folder: Path, theme_ids: set[str] | None) -> DocumentSource:
    where = _Where(path, folder)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise where.fail(
            Text(QT_TRANSLATE_NOOP("messages", "het bestand is geen UTF-8-tekst")), str(exc)
        ) from exc
    front, body = _split_front_matter(text, where)
    try:
        meta = tomllib.loads(front)
    except tomllib.TOMLDecodeError as exc:
        raise where.fail(
            Text(QT_TRANSLATE_NOOP("messages", "de kop (tussen +++) is geen geldige TOML")),
            str(exc),
        ) from exc
    for key in _DOC_REQUIRED:
        if key not in meta:
            raise where.fail(
                Text(QT_TRANSLATE_NOOP("messages", "het veld {key} ontbreekt"), key=repr(key)),
                f"missing field {key!r}",
            )
    where.only_keys(meta, _DOC_REQUIRED + _DOC_OPTIONAL)
    doc_id = where.ident(meta["id"], "id")
    if doc_id != path.stem:
        raise where.fail(
            Text(
                QT_TRANSLATE_NOOP("messages", "het id {id} moet gelijk zijn aan de bestandsnaam"),
                id=repr(doc_id),
            ),
            f"id {doc_id!r} does not match file name {path.name!r}",
        )
    doc_type = meta["type"]
    if doc_type not in DOCUMENT_TYPES:
        raise where.fail(
            Text(
                QT_TRANSLATE_NOOP("messages", "onbekend soort document {type}"), type=repr(doc_type)
            ),
            f"type {doc_type!r} is not one of {', '.join(DOCUMENT_TYPES)}",
        )
    themes = meta["themes"]
    if not isinstance(themes, list) or not themes:
        raise where.fail(
            Text(QT_TRANSLATE_NOOP("messages", "'themes' moet een lijst met thema's zijn")),
            "themes must be a list",
        )
    for theme in themes:
        if theme_ids is not None and theme not in theme_ids:
            raise where.fail(
                Text(QT_TRANSLATE_NOOP("messages", "onbekend thema {theme}"), theme=repr(theme)),
                f"unknown theme {theme!r}",
            )
    minutes = None
    if "minutes" in meta:
        minutes = where.integer(meta, "minutes", 1, 24 * 60)
    url = _url(meta, doc_type, where)
    pdf = _beside(meta, "pdf", (".pdf",), path, folder, where)
    media = _beside(meta, "media", MEDIA_SUFFIXES, path, folder, where)
    if media is not None and doc_type != "video":
        raise where.fail(
            Text(QT_TRANSLATE_NOOP("messages", "alleen een video heeft een 'media'-bestand")),
            "media on a non-video document",
        )
    if pdf is None:
        if not body.strip():
            raise where.fail(
                Text(QT_TRANSLATE_NOOP("messages", "het document heeft geen tekst")), "empty body"
            )
        _check_directives(body, doc_type, where)
    return DocumentSource(
        id=doc_id,
        title=where.text(meta, "title", limit=300),
        type=doc_type,
        themes=tuple(themes),
        summary=where.text(meta, "summary", limit=2000),
        audience=where.text(meta, "audience", limit=500),
        minutes=minutes,
        url=url,
        body=body,
        path=path,
        pdf=pdf,
        media=media,
        werkbladen=_werkbladen(meta, doc_type, where),
    )


def _werkbladen(meta: dict[str, Any], doc_type: str, where: _Where) -> tuple[str, ...] | None:
    """A workshop's ``werkbladen = ["id", ...]`` (ids checked against the kit afterwards)."""
    if "werkbladen" not in meta:
        return None
    if doc_type != "workshop":
        raise where.fail(
            Text(QT_TRANSLATE_NOOP("messages", "alleen een workshop heeft 'werkbladen'")),
            "werkbladen on a non-workshop document",
        )
    value = meta["werkbladen"]
    if not isinstance(value, list) or len(value) > MAX_WORKSHOP_WERKBLADEN:
        raise where.fail(
            Text(
                QT_TRANSLATE_NOOP(
                    "messages", "'werkbladen' moet een lijst van hoogstens {count} ids zijn"
                ),
                count=MAX_WORKSHOP_WERKBLADEN,
            ),
            f"werkbladen must be a list of at most {MAX_WORKSHOP_WERKBLADEN} ids",
        )
    ids = tuple(where.ident(v, "werkbladen") for v in value)
    for index, doc_id in enumerate(ids):
        if doc_id in ids[:index]:
            raise where.fail(
                Text(
                    QT_TRANSLATE_NOOP("messages", "'werkbladen' noemt {id} twee keer"),
                    id=repr(doc_id),
                ),
                f"werkbladen names {doc_id!r} twice",
            )
    return ids


def _werkblad_errors(documents: tuple[DocumentSource, ...], folder: Path) -> list[SourceError]:
    """A workshop's ``werkbladen`` must name werkbladen of this kit (one error per workshop)."""
    types = {d.id: d.type for d in documents}
    # A document file with a mistake of its own is reported once, for that mistake.
    broken = {p.stem for p in folder.rglob("*.md")} - set(types)
    errors = []
    for doc in documents:
        for doc_id in doc.werkbladen or ():
            if doc_id in broken:
                continue
            if doc_id not in types:
                problem = Text(
                    QT_TRANSLATE_NOOP("messages", "'werkbladen' noemt {id}, maar dat bestaat niet"),
                    id=repr(doc_id),
                )
            elif types[doc_id] != "werkblad":
                problem = Text(
                    QT_TRANSLATE_NOOP(
                        "messages", "'werkbladen' noemt {id}, maar dat is geen werkblad"
                    ),
                    id=repr(doc_id),
                )
            else:
                continue
            errors.append(
                _Where(doc.path, folder).fail(
                    problem, f"werkbladen names {doc_id!r}: {types.get(doc_id, 'missing')}"
                )
            )
            break
    return errors


def _beside(
    meta: dict[str, Any],
    key: str,
    suffixes: tuple[str, ...],
    path: Path,
    folder: Path,
    where: _Where,
) -> Path | None:
    """The file a front matter field names, next to the document's .md; None when absent."""
    if key not in meta:
        return None
    value = where.text(meta, key, limit=300)
    target = (path.parent / value).resolve()
    if not target.name.lower().endswith(suffixes):
        raise where.fail(
            Text(
                QT_TRANSLATE_NOOP("messages", "{key} moet een bestand zijn dat eindigt op {kinds}"),
                key=repr(key),
                kinds=", ".join(suffixes),
            ),
            f"{key} {value!r} must end in one of {', '.join(suffixes)}",
        )
    if not target.is_relative_to(folder.resolve()):
        raise where.fail(
            Text(
                QT_TRANSLATE_NOOP("messages", "{key} moet in de map met bronnen staan"),
                key=repr(key),
            ),
            f"{key} {value!r} lies outside the sources folder",
        )
    if not target.is_file():
        raise where.fail(
            Text(
                QT_TRANSLATE_NOOP("messages", "het bestand {file} bestaat niet"), file=repr(value)
            ),
            f"{key} file {value!r} not found next to {path.name}",
        )
    return target


def _url(meta: dict[str, Any], doc_type: str, where: _Where) -> str | None:
    if doc_type != "video":
        if "url" in meta:
            raise where.fail(
                Text(QT_TRANSLATE_NOOP("messages", "alleen een video heeft een 'url'")),
                "url on a non-video document",
            )
        return None
    if "url" not in meta:
        raise where.fail(
            Text(QT_TRANSLATE_NOOP("messages", "het veld 'url' ontbreekt")),
            "missing field 'url' (video)",
        )
    url = where.text(meta, "url", limit=2000)
    if not url.startswith("https://") or any(c.isspace() for c in url):
        raise where.fail(
            Text(QT_TRANSLATE_NOOP("messages", "de 'url' moet beginnen met https://")),
            f"bad url {url!r}",
        )
    return url


def _split_front_matter(text: str, where: _Where) -> tuple[str, str]:
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        raise where.fail(
            Text(QT_TRANSLATE_NOOP("messages", "het bestand moet beginnen met een kop tussen +++")),
            "no front matter",
        )
    for index in range(1, len(lines)):
        if lines[index].strip() == FRONT_MATTER_FENCE:
            return "".join(lines[1:index]), "".join(lines[index + 1 :])
    raise where.fail(
        Text(QT_TRANSLATE_NOOP("messages", "de kop wordt niet afgesloten met +++")),
        "front matter not closed",
    )


def _check_directives(body: str, doc_type: str, where: _Where) -> None:
    names: set[str] = set()
    in_fence = False
    for number, line in enumerate(body.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence:
            continue
        try:
            directive = parse_directive(line)
        except ValueError as exc:
            raise where.fail(
                Text(
                    QT_TRANSLATE_NOOP("messages", "regel {number} van de tekst klopt niet"),
                    number=number,
                ),
                str(exc),
            ) from exc
        if directive is None:
            continue
        if directive.kind in ("dia", "notities") and doc_type != "presentatie":
            raise where.fail(
                Text(
                    QT_TRANSLATE_NOOP(
                        "messages", "regel {number}: [[{kind}]] hoort alleen in een presentatie"
                    ),
                    number=number,
                    kind=directive.kind,
                ),
                f"[[{directive.kind}]] outside a presentatie",
            )
        if directive.name:
            if directive.name in names:
                raise where.fail(
                    Text(
                        QT_TRANSLATE_NOOP(
                            "messages", "regel {number}: de veldnaam {name} komt twee keer voor"
                        ),
                        number=number,
                        name=repr(directive.name),
                    ),
                    f"duplicate field name {directive.name!r}",
                )
            names.add(directive.name)


def _load_steps(folder: Path, doc_ids: set[str]) -> tuple[StepSource, ...]:
    path = folder / "steps.toml"
    data = _read_toml(path, folder)
    where = _Where(path, folder)
    where.only_keys(data, ("steps",))
    steps: list[StepSource] = []
    for index, raw in enumerate(where.tables(data, "steps")):
        step_id = where.ident(raw.get("id"), f"steps[{index}].id")
        at = _Where(path, folder, f"stap {step_id!r}")
        at.only_keys(raw, ("id", "title", "summary", "documents", "items"))
        documents = raw.get("documents", [])
        if not isinstance(documents, list):
            raise at.fail(
                Text(QT_TRANSLATE_NOOP("messages", "'documents' moet een lijst zijn")),
                "documents must be a list",
            )
        for doc_id in documents:
            if doc_id not in doc_ids:
                raise at.fail(
                    Text(
                        QT_TRANSLATE_NOOP("messages", "het document {id} bestaat niet"),
                        id=repr(doc_id),
                    ),
                    f"step names missing document {doc_id!r}",
                )
        items = []
        for item_index, item in enumerate(at.tables(raw, "items")):
            item_at = _Where(path, folder, f"stap {step_id!r} punt {item_index + 1}")
            item_at.only_keys(item, ("id", "text"))
            items.append(
                StepItemSource(
                    id=item_at.ident(item.get("id"), "id"),
                    text=item_at.text(item, "text", limit=1000),
                )
            )
        steps.append(
            StepSource(
                id=step_id,
                title=at.text(raw, "title", limit=300),
                summary=at.text(raw, "summary", limit=2000),
                documents=tuple(documents),
                items=tuple(items),
            )
        )
    _unique([s.id for s in steps], "stap", where)
    _unique([i.id for s in steps for i in s.items], "punt", where)
    return tuple(steps)


def _load_synonyms(folder: Path) -> tuple[tuple[str, ...], ...]:
    """synonyms.toml (optional): ``[[synonyms]]`` blocks, each ``words = [...]``."""
    path = folder / "synonyms.toml"
    if not path.exists():
        return ()
    data = _read_toml(path, folder)
    where = _Where(path, folder)
    where.only_keys(data, ("synonyms",))
    blocks = where.tables(data, "synonyms")
    if len(blocks) > MAX_SYNONYM_GROUPS:
        raise where.fail(
            Text(
                QT_TRANSLATE_NOOP("messages", "hoogstens {count} groepen synoniemen"),
                count=MAX_SYNONYM_GROUPS,
            ),
            f"more than {MAX_SYNONYM_GROUPS} synonym groups",
        )
    groups = []
    for index, block in enumerate(blocks):
        at = _Where(path, folder, f"synoniemen {index + 1}")
        at.only_keys(block, ("words",))
        group = synonym_group(block.get("words"))
        if group is None:
            raise at.fail(
                Text(
                    QT_TRANSLATE_NOOP(
                        "messages",
                        "'words' moet een lijst van {low} tot {high} woorden zijn "
                        "(elk hoogstens {limit} tekens)",
                    ),
                    low=2,
                    high=MAX_SYNONYMS_PER_GROUP,
                    limit=MAX_SYNONYM_LENGTH,
                ),
                "words must be a list of 2 to "
                f"{MAX_SYNONYMS_PER_GROUP} texts of at most {MAX_SYNONYM_LENGTH} characters",
            )
        groups.append(group)
    return tuple(groups)


def _theme(raw: dict[str, Any], index: int, where: _Where) -> ThemeSource:
    where.only_keys(raw, ("id", "title", "summary"))
    return ThemeSource(
        id=where.ident(raw.get("id"), f"themes[{index}].id"),
        title=where.text(raw, "title", limit=200),
        summary=where.text(raw, "summary", limit=2000),
    )


def _read_toml(path: Path, folder: Path) -> dict[str, Any]:
    where = _Where(path, folder)
    if not path.is_file():
        raise where.fail(
            Text(QT_TRANSLATE_NOOP("messages", "het bestand ontbreekt")), "file missing"
        )
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise where.fail(
            Text(QT_TRANSLATE_NOOP("messages", "het bestand is geen UTF-8-tekst")), str(exc)
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise where.fail(
            Text(QT_TRANSLATE_NOOP("messages", "het bestand is geen geldige TOML")), str(exc)
        ) from exc


_KIND_EN = {"thema": "theme", "stap": "step", "punt": "step item"}


def _unique(ids: list[str], what: str, where: _Where) -> None:
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            raise where.fail(
                Text(
                    QT_TRANSLATE_NOOP("messages", "het id {value} ({what}) komt twee keer voor"),
                    value=repr(value),
                    what=what,
                ),
                f"duplicate {_KIND_EN.get(what, what)} id {value!r}",
            )
        seen.add(value)


def _rel(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return str(path)


def _fail(path: Path, problem_nl: Text, detail: str, folder: Path | None = None) -> SourceError:
    name = _rel(path, folder) if folder else str(path)
    return SourceError(
        QT_TRANSLATE_NOOP("messages", "Fout in de bronnen van de kit, in {name}: {problem}."),
        f"{name}: {detail}",
        name=name,
        problem=problem_nl,
    )


class _Where:
    """Typed field readers whose errors name the file (and the part of it) at fault."""

    def __init__(self, path: Path, folder: Path, part: str = "") -> None:
        self.path = path
        self.folder = folder
        self.part = part

    def fail(self, problem_nl: Text, detail: str) -> SourceError:
        if self.part:
            problem_nl = Text("{part}: {problem}", part=self.part, problem=problem_nl)
            detail = f"{self.part}: {detail}"
        return _fail(self.path, problem_nl, detail, self.folder)

    def text(
        self, data: dict[str, Any], key: str, *, empty: bool = False, limit: int = 20000
    ) -> str:
        if key not in data:
            raise self.fail(
                Text(QT_TRANSLATE_NOOP("messages", "het veld {key} ontbreekt"), key=repr(key)),
                f"missing field {key!r}",
            )
        value = data[key]
        if not isinstance(value, str) or (not empty and not value.strip()) or len(value) > limit:
            raise self.fail(
                Text(
                    QT_TRANSLATE_NOOP(
                        "messages", "het veld {key} moet een tekst zijn (hoogstens {limit} tekens)"
                    ),
                    key=repr(key),
                    limit=limit,
                ),
                f"{key!r} must be a non-empty string of at most {limit} characters",
            )
        return value.strip()

    def integer(self, data: dict[str, Any], key: str, low: int, high: int) -> int:
        if key not in data:
            raise self.fail(
                Text(QT_TRANSLATE_NOOP("messages", "het veld {key} ontbreekt"), key=repr(key)),
                f"missing field {key!r}",
            )
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(
                Text(
                    QT_TRANSLATE_NOOP(
                        "messages", "het veld {key} moet een heel getal van {low} tot {high} zijn"
                    ),
                    key=repr(key),
                    low=low,
                    high=high,
                ),
                f"{key!r} must be an integer from {low} to {high}, got {value!r}",
            )
        return value

    def date(self, data: dict[str, Any], key: str) -> str:
        value = data.get(key)
        if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
            return value.isoformat()
        if isinstance(value, str):
            try:
                return _dt.date.fromisoformat(value).isoformat()
            except ValueError:
                pass
        raise self.fail(
            Text(
                QT_TRANSLATE_NOOP(
                    "messages", "het veld {key} moet een datum zijn, zoals 2026-11-23"
                ),
                key=repr(key),
            ),
            f"{key!r} must be a date YYYY-MM-DD, got {value!r}",
        )

    def ident(self, value: Any, key: str) -> str:
        if value is None:
            raise self.fail(
                Text(QT_TRANSLATE_NOOP("messages", "het veld {key} ontbreekt"), key=repr(key)),
                f"missing field {key!r}",
            )
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            raise self.fail(
                Text(
                    QT_TRANSLATE_NOOP(
                        "messages", "{value} is geen geldig id (kleine letters, cijfers en -)"
                    ),
                    value=repr(value),
                ),
                f"{key} {value!r} does not match {ID_PATTERN.pattern}",
            )
        return value

    def tables(self, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = data.get(key)
        if value is None:
            raise self.fail(
                Text(QT_TRANSLATE_NOOP("messages", "het veld {key} ontbreekt"), key=repr(key)),
                f"missing field {key!r}",
            )
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(
                Text(
                    QT_TRANSLATE_NOOP(
                        "messages", "{quoted} moet een lijst van [[{key}]]-blokken zijn"
                    ),
                    quoted=repr(key),
                    key=key,
                ),
                f"{key!r} must be an array of tables",
            )
        return value

    def only_keys(self, data: dict[str, Any], allowed: tuple[str, ...]) -> None:
        extra = sorted(set(data) - set(allowed))
        if extra:
            raise self.fail(
                Text(
                    QT_TRANSLATE_NOOP("messages", "onbekend veld {field} (tikfout?)"),
                    field=repr(extra[0]),
                ),
                f"unknown keys {extra}; allowed: {', '.join(allowed)}",
            )
