"""Keep a widget's heavy parts out of the page while mkdocs' plugins read it.

A widget page carries its inline pictures (SVG, hundreds of elements each) and
its states (a JSON script, up to 300 KB). Between ``on_page_content`` and
``on_post_page`` the search plugin parses every page's HTML and the theme's
templates copy it; neither needs those parts (search would only index picture
labels), so they wait outside the page behind a comment and come back into the
finished page unchanged.

>>> page = Lifted()
>>> html = page.lift('<p>x</p><svg class="pnn-svg"><g/></svg>')
>>> html
'<p>x</p><!--pnn-lifted-0-->'
>>> page.restore(html + "<footer/>")
'<p>x</p><svg class="pnn-svg"><g/></svg><footer/>'
"""

from __future__ import annotations

import re

from picturenn_docs.widgets_html import DATA_OPEN
from picturenn_docs.widgets_svg import SVG_OPEN

# the widget parts: inline pictures and the JSON states (see widgets_html.py)
HEAVY = re.compile(f"{re.escape(SVG_OPEN)}.*?</svg>|{re.escape(DATA_OPEN)}.*?</script>", re.DOTALL)
_MARK = re.compile(r"<!--pnn-lifted-(\d+)-->")


class Lifted:
    """The heavy parts of one page, by number, while they are out of it."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def lift(self, html: str) -> str:
        """``html`` with each heavy part replaced by a numbered comment."""
        return HEAVY.sub(self._keep, html)

    def _keep(self, match: re.Match[str]) -> str:
        self.parts.append(match.group(0))
        return f"<!--pnn-lifted-{len(self.parts) - 1}-->"

    def restore(self, html: str) -> str:
        """``html`` with every lifted part back in its place."""
        return _MARK.sub(lambda m: self.parts[int(m.group(1))], html) if self.parts else html
