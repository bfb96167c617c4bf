"""The playground's scripts as the site ships them: without their whole-line comments.

The playground's three scripts explain themselves at length (why each choice), and
those comments were a fifth of what a reader downloads for a live figure. The site
ships them without the lines that are only comment; every line of code is kept
as it is, so an error's line and the code a reader inspects still read as the
source does, only closer together. kernel.js ships byte for byte as written:
it is the file every build proves equal to picturenn.

Only whole lines go: a line that starts with ``//``, or a ``/* ... */`` block
that starts a line and ends one. The scripts have no template literals and no
string continued over a line, so such a line is never inside a string.
"""

from __future__ import annotations

from pathlib import Path

from picturenn_docs.core.site_files import write

SHIPPED = ("playground-text.js", "playground-picture.js", "playground.js")


def stripped(text: str) -> str:
    """``text`` without its whole-line comments.

    >>> text = '/* a\\n * b */\\nvar a = 1; // kept\\n  // gone\\n  /* gone */\\nvar b = "//";\\n'
    >>> print(stripped(text))
    var a = 1; // kept
    var b = "//";
    <BLANKLINE>
    >>> stripped("/* a */ var a = 1;\\n")
    Traceback (most recent call last):
    ...
    ValueError: code after a comment on line 1: /* a */ var a = 1;
    """
    kept: list[str] = []
    inside = False
    for number, line in enumerate(text.split("\n"), start=1):
        bare = line.strip()
        if not inside and bare.startswith("//"):
            continue
        if inside or bare.startswith("/*"):
            end = bare.find("*/", 0 if inside else 2)
            inside = end < 0
            if not inside and bare[end + 2 :].strip():
                raise ValueError(f"code after a comment on line {number}: {bare}")
            continue
        kept.append(line)
    return "\n".join(kept)


def ship(site: Path) -> None:
    """Rewrite the site's copies of the playground's scripts without their comment lines
    (twice changes nothing: a copy mkdocs left from the last build stays as it is)."""
    for name in SHIPPED:
        path = site / "javascripts" / name
        if path.is_file():
            write(path, stripped(path.read_text(encoding="utf-8")))
