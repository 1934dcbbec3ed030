"""The data folder as a person meets it: one program at a time, backups, a
damaged or read-only folder, an expired kit. Wired into the main window by
:class:`~companion.ui.datafolder.guard.DataFolderGuard`."""
