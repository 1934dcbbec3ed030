"""The document viewer: reading, finding, filling in, printing and presenting.

Modules, each with one job: ``screen`` (the screen the main window shows),
``canvas`` (continuous pages, one widget), ``engine_client`` (the PDF engine's
worker processes, answers on the GUI thread), ``render_service`` (which
pieces of which pages to ask for, the caches, painting them),
``page_content`` (words and links), ``sidebar`` (thumbnails and outline),
``find_bar``, ``form_overlay`` (typing into werkbladen), ``printing``,
``presentation`` (projector and presenter view), ``settings_page`` (the
deadline for a page) and ``window_glue`` (PDF openen, kit updates).
"""

from companion.ui.viewer.screen import ViewerScreen

__all__ = ["ViewerScreen"]
