"""What the learning tests share: the lesson pages in reading order, and the book's run."""

from __future__ import annotations

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

# what chapter 6's loop prints every 10th iteration, digit for digit
BOOK_LINES = (
    "Error:0.634231159844",
    "Error:0.358384076763",
    "Error:0.0830183113303",
    "Error:0.0064670549571",
    "Error:0.000329266900075",
    "Error:1.50556226651e-05",
)
