"""Dutch as people type it: the word rules search, find-in-document and the library share."""
