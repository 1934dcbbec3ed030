"""The search thread opens and prepares its connection ahead, and what it loaded follows the kit.

Preparing (``KitSearch.prepare``) reads the kit's word list for typo
corrections once; a kit update on another connection must still reach the
next search: a word the update brought is found, and a typo of it corrected.
"""

from __future__ import annotations

import queue

from companion.kit.importer import apply_source
from companion.kit.search import KitSearch
from companion.kit.search_runner import SearchRunner
from companion.kit.source import FolderSource
from companion.store.kit_store import KitStore

WAIT_S = 10


def run_on(runner: SearchRunner, answers: queue.Queue, text: str):
    """The results (or the error) the search thread delivers for ``text``."""
    runner.request(text)
    while True:
        request, results, error = answers.get(timeout=WAIT_S)
        if request.text == text:
            return results, error


def test_a_prepared_search_thread_finds_a_word_a_later_update_brought(
    tmp_path, kit_builder, test_public_keys
):
    path = tmp_path / "kit.sqlite"
    store = KitStore(path)
    apply_source(store, FolderSource(kit_builder.build(1)), trusted_keys=test_public_keys)
    answers: queue.Queue = queue.Queue()
    runner = SearchRunner(path, lambda *answer: answers.put(answer))
    try:
        # Opened and prepared ahead; the kit has no "accountant" yet.
        results, error = run_on(runner, answers, "acountant")
        assert error is None and results.hits == [] and results.corrections == ()

        kit_builder.documents["tip-accountant"] = ["Tip: vind ZZP'ers via hun accountant."]
        apply_source(store, FolderSource(kit_builder.build(2)), trusted_keys=test_public_keys)

        results, error = run_on(runner, answers, "acountant")
        assert error is None
        assert [(c.typed, c.word) for c in results.corrections] == [("acountant", "accountant")]
        assert [h.document_id for h in results.hits] == ["tip-accountant"]
        results, _error = run_on(runner, answers, "accountant")
        assert [h.document_id for h in results.hits] == ["tip-accountant"]
    finally:
        runner.close()
        store.close()


def test_prepare_then_search_gives_what_an_unprepared_search_gives(
    tmp_path, kit_builder, test_public_keys
):
    store = KitStore(tmp_path / "kit.sqlite")
    apply_source(store, FolderSource(kit_builder.build(1)), trusted_keys=test_public_keys)
    try:
        prepared = KitSearch(store)
        prepared.prepare()
        for text in ("vindplaasten", "gemeente volwassen", "klantreis", "de het"):
            assert prepared.run(text) == KitSearch(store).run(text), text
    finally:
        store.close()


def test_a_store_that_cannot_be_opened_ahead_is_reported_at_the_first_search(tmp_path):
    answers: queue.Queue = queue.Queue()
    runner = SearchRunner(
        tmp_path / "missing" / "kit.sqlite", lambda *a: answers.put(a), read_only=True
    )
    try:
        results, error = run_on(runner, answers, "gemeente")
        assert results is None and error is not None
    finally:
        runner.close()
