"""The parts of Presenteren: slides, the presenter view, the countdown, the overview, help.

``companion/ui/viewer/presentation.py`` holds the session (which page, black,
frozen) and the beamer's window; the modules here are the pieces it shows.
"""
