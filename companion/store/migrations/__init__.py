"""Numbered user store migrations, one module each: ``m001_base.py``, ``m002_...``.

Each module defines ``VERSION`` (its number) and ``SQL`` (statements run in
one transaction). Migrations are never edited once released; a change to the
schema is a new module with the next number.
"""
