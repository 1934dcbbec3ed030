"""A video with its own file plays offline from the library, with the system's player."""

from __future__ import annotations

from PySide6.QtCore import Qt

from companion.publish.publisher import publish_sources
from tests.conftest import wait_for_kit
from tests.publish.test_publish_pdfs import FAKE_MP4
from tests.publish.test_publish_pdfs import sources as sources


def test_play_button_hands_the_video_file_to_the_system(
    qtbot,
    start_window,
    sources,
    tmp_path,
    test_key,
    test_key_list,
):
    portal = tmp_path / "portal"
    publish_sources(sources, portal, test_key, test_key_list)
    played = []
    window = start_window(
        portal, configure=lambda w: setattr(w.library_screen, "open_media", played.append)
    )
    wait_for_kit(qtbot, window)
    screen = window.library_screen

    assert screen.select_document("werkblad-test")
    assert not screen.play_button.isVisible()
    assert screen.select_document("video-webinar")
    assert screen.play_button.isVisible()
    assert "speelt ook zonder internet" in screen.details.toPlainText()
    qtbot.mouseClick(screen.play_button, Qt.MouseButton.LeftButton)
    assert len(played) == 1 and played[0].read_bytes() == FAKE_MP4
    assert played[0].is_relative_to(window.context.paths.cache_dir)
