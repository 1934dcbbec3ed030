"""What the viewer tests share: a real viewer screen in a window of its own."""

from __future__ import annotations

import pytest

from tests.support.viewer_support import ViewerMaker


@pytest.fixture
def make_viewer(qtbot):
    """Real viewer screens in their own active windows (for shortcuts); each has its own
    engine workers, stopped after the test."""
    maker = ViewerMaker(qtbot)
    yield maker
    maker.close()
