"""Checklist ticks and notes ("Waar begin je?") and action plans.

Kit things are referred to by the kit's stable ids (step id, item id), never by
kit-store row ids: the kit store is rebuilt on every update. The item and step
text is remembered next to the tick, so an item a later kit removes can still
be shown ("niet meer in de kit") with the person's tick and note.

Item ids are unique across the whole kit (the manifest checks this), so a tick
is keyed by item id alone and follows an item that moves to another step.

Dates are ISO text; the CHECKs compare a date with ``date(d, '+0 days')``,
which SQLite normalises (2026-02-30 becomes 2026-03-02), so impossible dates
are refused too. Dates may be empty; a start date never lies after the due date.

Note: the migration runner splits ``SQL`` on ";" — no semicolons inside
statements (no triggers, no literals containing one).
"""

VERSION = 2

SQL = """
CREATE TABLE checklist_items (
    item_id TEXT PRIMARY KEY CHECK (length(item_id) > 0),
    step_id TEXT NOT NULL CHECK (length(step_id) > 0),
    item_text TEXT NOT NULL DEFAULT '',
    step_title TEXT NOT NULL DEFAULT '',
    done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
CREATE INDEX checklist_items_step ON checklist_items (step_id);
CREATE TABLE step_notes (
    step_id TEXT PRIMARY KEY CHECK (length(step_id) > 0),
    step_title TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= 200),
    description TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0 AND length(title) <= 300),
    description TEXT NOT NULL DEFAULT '',
    step_id TEXT CHECK (step_id IS NULL OR length(step_id) > 0),
    partner TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    start_date TEXT CHECK (
        start_date IS NULL
        OR (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
            AND date(start_date, '+0 days') = start_date)
    ),
    due_date TEXT CHECK (
        due_date IS NULL
        OR (due_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
            AND date(due_date, '+0 days') = due_date)
    ),
    status TEXT NOT NULL DEFAULT 'te doen' CHECK (status IN ('te doen', 'bezig', 'klaar')),
    priority INTEGER NOT NULL DEFAULT 2 CHECK (priority IN (1, 2, 3)),
    position INTEGER NOT NULL CHECK (position >= 0),
    source_item_id TEXT CHECK (source_item_id IS NULL OR length(source_item_id) > 0),
    source_item_text TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (start_date IS NULL OR due_date IS NULL OR start_date <= due_date)
);
CREATE INDEX actions_plan ON actions (plan_id, position);
CREATE INDEX actions_source_item ON actions (source_item_id);
CREATE TABLE action_documents (
    action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    document_id TEXT NOT NULL CHECK (length(document_id) > 0),
    position INTEGER NOT NULL CHECK (position >= 0),
    PRIMARY KEY (action_id, document_id)
)
"""
