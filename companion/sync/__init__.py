"""Kit updates: from the portal when online, by update file when not.

    portal.py      HTTP(S) GETs with timeouts, caps, a request log
    cache.py       ETag, the last manifest, downloads in progress (cache folder)
    download.py    one file: resumable (Range), capped, hash-checked
    updatefile.py  .kitupdate files: read safely, write deterministically
    preview.py     what an update would change
    settings.py    portal address and "check at start" (user store settings)
    service.py     check / install / import / export, used by UI, CLI and tests
    commands.py    the command-line jobs sync, import-update, export-update

Import the modules themselves; this package file stays empty so that the
command line does not load the import pipeline just to parse its arguments.
"""
