"""Keep a widget's heavy parts out of the page while mkdocs' plugins read it.

A widget page carries its inline pictures (SVG, hundreds of elements each) and
its states (a JSON script, up to 300 KB). Between ``on_page_content`` and
``on_post_page`` the search plugin parses every page's HTML and the theme's
templates copy it; neither needs those parts (search would only index picture
labels), so they wait outside the page behind a comment and come back into the
finished page unchanged.

Highlighted code is lifted the same way, leaving its text in place: Pygments
wraps every token in a ``<span>`` (half the tags search parses), and search
indexes only the text. Code holding an autorefs link stays: autorefs resolves
those in the page's HTML after this.

>>> page = Lifted()
>>> html = page.lift('<p>x</p><svg class="pnn-svg"><g/></svg>')
>>> html
'<p>x</p><!--pnn-lifted-0-->'
>>> page.restore(html + "<footer/>")
'<p>x</p><svg class="pnn-svg"><g/></svg><footer/>'
>>> page.lift('<code><span class="k">def</span> f</code>')
'<code><!--pnn-code-1-->def f<!--/pnn-code--></code>'
>>> page.restore(_)
'<code><span class="k">def</span> f</code>'
"""

from __future__ import annotations

import re

from picturenn_docs.widgets.html import DATA_OPEN
from picturenn_docs.widgets.svg import SVG_OPEN

# the widget parts: inline pictures and the JSON states (see widgets_html.py)
HEAVY = re.compile(f"{re.escape(SVG_OPEN)}.*?</svg>|{re.escape(DATA_OPEN)}.*?</script>", re.DOTALL)
# the tokens of a highlighted code block or span (an autorefs link inside: not lifted)
CODE = re.compile(r"(<code[^>]*>)((?:[^<]|<(?!/code>|autoref))*)(?=</code>)")
_TAG = re.compile(r"<[^>]*>")
_MARK = re.compile(r"<!--pnn-lifted-(\d+)-->")
_CODE_MARK = re.compile(r"<!--pnn-code-(\d+)-->[^<]*<!--/pnn-code-->")  # the text has no tag


class Lifted:
    """The heavy parts of one page, by number, while they are out of it."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def lift(self, html: str) -> str:
        """``html`` with each heavy part replaced by a numbered comment."""
        return CODE.sub(self._keep_text, HEAVY.sub(self._keep, html))

    def _keep(self, match: re.Match[str]) -> str:
        self.parts.append(match.group(0))
        return f"<!--pnn-lifted-{len(self.parts) - 1}-->"

    def _keep_text(self, match: re.Match[str]) -> str:
        opening, tokens = match.groups()
        if "<span" not in tokens:
            return match.group(0)
        self.parts.append(tokens)
        text = _TAG.sub("", tokens)
        return f"{opening}<!--pnn-code-{len(self.parts) - 1}-->{text}<!--/pnn-code-->"

    def restore(self, html: str) -> str:
        """``html`` with every lifted part back in its place."""
        if not self.parts:
            return html
        html = _CODE_MARK.sub(lambda m: self.parts[int(m.group(1))], html)
        return _MARK.sub(lambda m: self.parts[int(m.group(1))], html)
