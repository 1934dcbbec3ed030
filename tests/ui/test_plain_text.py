"""Markup in the kit, a plan file or a file name is shown as the characters it is.

A signed kit whose titles, summaries and checklist items hold ``<img src=file:...>``
(pointing at a real picture on disk) and a plan with such a title: every label
that shows them is plain text, every tooltip shows the markup escaped, and no
picture is loaded anywhere (a label with the picture would be 200 px high).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel

from tests.conftest import wait_for_kit


def hostile(tmp_path) -> str:
    picture = tmp_path / "geheim.png"
    image = QImage(200, 200, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.red)
    image.save(str(picture))
    return f"<img src='{picture.as_uri()}' width=200 height=200><b>vet</b>"


def labels_showing(window, text: str) -> list[QLabel]:
    return [label for label in window.findChildren(QLabel) if text in label.text()]


def assert_shown_plainly(window, markup: str) -> None:
    labels = labels_showing(window, markup)
    assert labels, "the hostile text should be on screen somewhere"
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
        assert label.sizeHint().height() < 150, "the picture was loaded"


def test_kit_and_plan_markup_stays_text(qtbot, tmp_path, start_window, kit_builder):
    markup = hostile(tmp_path)
    kit_builder.documents["persona-henk"] = [f"{markup} Henk\nHenk schaamt zich."]
    files: dict[str, bytes] = {}
    manifest = kit_builder.manifest_for(1, files)
    manifest["steps"][0]["summary"] = markup
    manifest["steps"][0]["items"][0]["text"] = markup
    henk = next(d for d in manifest["documents"] if d["id"] == "persona-henk")
    henk["summary"] = markup
    bundled = kit_builder.write(manifest, files, kit_builder.root / "bundled")

    window = start_window(bundled, wait=True)
    wait_for_kit(qtbot, window)

    # Library: the tooltip of the document shows the summary escaped.
    tree = window.library_screen.tree
    tips = [
        tree.topLevelItem(i).child(j).toolTip(0)
        for i in range(tree.topLevelItemCount())
        for j in range(tree.topLevelItem(i).childCount())
    ]
    henk_tip = next(t for t in tips if "vet" in t)
    assert henk_tip.startswith("<qt>") and "&lt;img" in henk_tip and "<img" not in henk_tip

    # Waar begin je?: the step's summary and the item's text.
    window.show_screen("waar-begin-je")
    assert_shown_plainly(window, markup)

    # The document itself: its title above the pages.
    assert window.open_document("persona-henk")
    qtbot.waitUntil(lambda: markup in window.viewer.title.text(), timeout=5000)
    assert window.viewer.title.textFormat() == Qt.TextFormat.PlainText

    # A plan whose name and action title came from a plan file.
    from companion.plan.actionplan import ActionPlanService

    service = ActionPlanService(window.context.user)
    plan = service.create_plan(markup)
    service.add_action(plan.id, title=markup)
    window.show_screen("actieplan")
    screen = window.actionplan_screen
    screen.reload()
    qtbot.waitUntil(lambda: bool(labels_showing(window, markup)), timeout=5000)
    assert_shown_plainly(window, markup)


def test_a_file_name_with_markup_stays_text(qtbot, tmp_path, start_window, kit_builder):
    window = start_window(kit_builder.build(1, name="bundled"), wait=True)
    hostile(tmp_path)  # geheim.png beside the file
    path = tmp_path / "<b>vet<i><img width=300 height=300 src=geheim.png>.kitupdate"
    path.write_bytes(b"geen zip")
    window.show_screen("updates")
    screen = window.updates_screen
    screen.import_file(path)
    assert path.name in screen.status.text()
    assert screen.status.textFormat() == Qt.TextFormat.PlainText
    qtbot.waitUntil(lambda: screen.task is None, timeout=10000)
    assert "beschadigd" in screen.status.text()  # refused, in plain words
