"""The site's own stylesheets reach the reader as one file.

mkdocs.yml lists several small stylesheets (extra_css), one idea each, and
mkdocs links each one: every link is a render-blocking request, and on a phone
connection a request costs a round trip however small the file. Once a page is
written, the run of links to ``stylesheets/*.css`` becomes one link to their
concatenation, ``stylesheets/site.<hash>.css`` (named by its content, so two
builds give the same bytes and a changed rule is never served stale). The
sources stay as they are, and so do their URLs, which are relative to the same
folder.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

from picturenn_docs.core.site_files import write

_RUN = re.compile(
    r'(?:<link rel="stylesheet" href="((?:\.\./)*)stylesheets/([\w.-]+\.css)">\s*){2,}'
)
_ONE = re.compile(r'href="(?:\.\./)*stylesheets/([\w.-]+\.css)"')


def bundle(page: str, site_dir: Path) -> str:
    """``page`` with its run of links to the site's stylesheets replaced by one bundle.

    >>> import tempfile
    >>> site = Path(tempfile.mkdtemp())
    >>> (site / "stylesheets").mkdir()
    >>> _ = (site / "stylesheets" / "a.css").write_text("p { color: red }\\n")
    >>> _ = (site / "stylesheets" / "b.css").write_text("a { color: blue }\\n")
    >>> links = '<link rel="stylesheet" href="../stylesheets/a.css">\\n'
    >>> links += '<link rel="stylesheet" href="../stylesheets/b.css">\\n'
    >>> print(bundle("<head>" + links + "</head>", site))
    <head><link rel="stylesheet" href="../stylesheets/site.012f6165.css">
    </head>
    >>> print((site / "stylesheets" / "site.012f6165.css").read_text(), end="")
    /* stylesheets/a.css */
    p { color: red }
    /* stylesheets/b.css */
    a { color: blue }
    """

    def joined(found: re.Match[str]) -> str:
        names = _ONE.findall(found.group(0))
        folder = site_dir / "stylesheets"
        text = "".join(
            f"/* stylesheets/{name} */\n{(folder / name).read_text(encoding='utf-8')}"
            for name in names
        )
        name = f"site.{hashlib.sha256(text.encode()).hexdigest()[:8]}.css"
        write(folder / name, text)
        href = html.escape(f"{found.group(1)}stylesheets/{name}")
        return f'<link rel="stylesheet" href="{href}">\n'

    return _RUN.sub(joined, page, count=1)
