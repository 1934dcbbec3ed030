"""The document viewer: reading, finding, filling in, printing and presenting.

Modules, each with one job: ``screen`` (the screen the main window shows),
``canvas`` (continuous pages), ``render_service`` (render thread and caches),
``sidebar`` (thumbnails and outline), ``find_bar``, ``form_overlay`` (typing
into werkbladen), ``printing`` and ``presentation`` (projector and presenter
view).
"""

from companion.ui.viewer.screen import ViewerScreen

__all__ = ["ViewerScreen"]
