"""`make bench`: side-by-side measurements against baselines (reports, never fails CI)."""
