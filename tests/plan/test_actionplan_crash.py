"""A process killed with SIGKILL while saving actions loses nothing it committed.

A writer process adds actions in a loop (each one its own transaction, with
documents, and moves that rewrite positions) and prints the id of each action
as soon as the save returned. The test kills it with SIGKILL at some moment
in that loop, several times over, then opens the store the normal way and
checks that SQLite finds the file sound and every reported action is there,
whole.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from companion.plan.actionplan import ActionPlanService
from companion.store.user_store import UserStore
from tests.support.project import ROOT

WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[2])
    from pathlib import Path
    from companion.plan.actionplan import ActionPlanService
    from companion.store.user_store import UserStore

    service = ActionPlanService(UserStore(Path(sys.argv[1])))
    plans = service.plans()
    plan = plans[0] if plans else service.create_plan("Crashplan")
    number = len(service.actions(plan.id))
    while True:
        action = service.add_action(
            plan.id,
            title=f"Actie {number}",
            description="Omschrijving " * 50,
            document_ids=[f"doc-{number}-a", f"doc-{number}-b"],
            partner="UWV",
            due_date="2026-03-01",
        )
        print(f"{action.id} Actie {number}", flush=True)
        if number % 3 == 0:
            service.move_action(action.id, 0)
        service.update_action(action.id, status="bezig")
        number += 1
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_sigkill_while_saving_keeps_every_committed_action(tmp_path):
    path = tmp_path / "user.sqlite"
    reported: dict[int, str] = {}
    for stop_after in (15, 31, 23):
        process = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(ROOT)],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            seen = 0
            assert process.stdout is not None
            while seen < stop_after:
                line = process.stdout.readline()
                assert line, "writer stopped by itself"
                action_id, title = line.rstrip("\n").split(" ", 1)
                reported[int(action_id)] = title
                seen += 1
        finally:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            # Lines printed after the last one read are committed too; take them along.
            rest = process.stdout.read() if process.stdout else ""
            for line in rest.splitlines():
                if line.count(" ") >= 1 and line.split(" ", 1)[0].isdigit():
                    action_id, title = line.split(" ", 1)
                    reported[int(action_id)] = title
        assert process.returncode == -signal.SIGKILL

        user = UserStore(path)  # opens, recovers the WAL, checks the schema version
        try:
            conn = user.conn
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            service = ActionPlanService(user)
            [plan] = service.plans()
            actions = {a.id: a for a in service.actions(plan.id)}
            for action_id, title in reported.items():
                action = actions.get(action_id)
                assert action is not None, f"committed action {action_id} is missing"
                assert action.title == title
                number = title.split()[-1]
                assert action.document_ids == (f"doc-{number}-a", f"doc-{number}-b")
            # The order is whole: positions 0..n-1, each once.
            assert sorted(a.position for a in actions.values()) == list(range(len(actions)))
        finally:
            user.close()
    assert len(reported) >= 15 + 31 + 23
