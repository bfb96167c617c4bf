"""The helper process :mod:`picturenn_docs.prefetch` starts (``-m picturenn_docs.helper``).

It makes, through a :class:`~picturenn_docs.build.Build` of its own (same cache,
same keys), the fences the build lacks and has not claimed, from the last page
backwards, and reports each on stdout as one JSON line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from picturenn_docs.build import Build
from picturenn_docs.failures import CheckFailed
from picturenn_docs.prefetch import claim, fences_of


def main(argv: list[str]) -> int:
    """Make the missing fences of the given pages that the build has not claimed, reporting
    each as a JSON line."""
    root, docs_dir, cache_dir, claims, pages = json.loads(argv[0])
    report, sys.stdout = sys.stdout, sys.stderr  # what fences print never mixes with reports
    build = Build(Path(root), Path(docs_dir), Path(cache_dir), Path())
    for src_uri, planned in pages:  # from the last page, toward the build
        shown = build.page(src_uri).shown
        for block in reversed(fences_of(build.docs_dir / src_uri)):
            before = build.summary.counts["figures"]["drawn"]
            try:
                key, _, _ = build.fences.key(block, shown)
            except CheckFailed:
                continue  # the build reports it
            if key not in planned or not claim(Path(claims), key):
                continue  # cached already, or the build got there first
            try:
                build.fences.make(block, shown, src_uri)
                drawn: int | None = build.summary.counts["figures"]["drawn"] - before
            except Exception:  # the build makes it again and reports the failure
                drawn = None
            print(json.dumps({"key": key, "drawn": drawn}), file=report, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
