"""What the learning tests share: the lesson pages in reading order, and the book's run."""

from __future__ import annotations

from tests.book import BOOK_PRINTED

# the pages from training through why-pictures (mkdocs.yml's nav), without ".md"
LESSONS = (
    "training",
    "correlation",
    "overcomplicated",
    "blocks",
    "shapes",
    "predict",
    "algebra",
    "side-by-side",
    "why-pictures",
)

# what chapter 6's loop prints every 10th iteration, digit for digit (one list: tests/book.py)
BOOK_LINES = tuple(BOOK_PRINTED)
