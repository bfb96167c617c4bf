"""Build checks as plain functions: examples, doctests, fences, notebooks, cache, summary.

Nothing here imports mkdocs; :mod:`picturenn_docs.plugin` is the thin adapter
that calls these functions from mkdocs events, and pytest calls them directly.
A failed check raises (or returns) :class:`CheckFailed`, which names the file and
line.
"""

from picturenn_docs.core.failures import CheckFailed

__all__ = ["CheckFailed"]
