"""The PDF engine: MuPDF in worker processes, so a bad page never takes the window down.

``protocol`` (what is asked and answered), ``pool`` (worker processes,
priorities, cancelling, deadlines, restarts), ``worker`` (the process
itself), ``shared_pixels`` (shared-memory blocks for pixels and document
bytes), ``failures`` (why, in Dutch) and ``settings`` (the deadline).
The MuPDF work a worker does lives beside it in :mod:`companion.pdf`
(``opening``, ``render``, ``page_reading``, ``find``, ``form_pdf``).
"""
