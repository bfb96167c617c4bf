"""Check a built site's internal links, anchors and asset references, offline.

A plain function over a folder of HTML, so it can be proven on a tiny fake
site (tests/build/test_links.py) before it is trusted on the real one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# (tag, attribute) pairs that point at another file or anchor
_REFERENCES = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("object", "data"),
    ("embed", "src"),
    ("use", "href"),
    ("image", "href"),
}
_ROOT = "http://site.invalid/"  # a base no real link uses, to resolve relative URLs


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    references: list[tuple[str, str]] = field(default_factory=list)  # (tag, url)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        anchors = [values.get("id"), values.get("name") if tag == "a" else None]
        self.page.ids.update(anchor for anchor in anchors if anchor)
        for name, value in values.items():
            if (tag, name) in _REFERENCES or (tag == "use" and name == "xlink:href"):
                self.page.references.append((tag, value))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.page.references.append((tag, candidate.split()[0]))


def _parse(path: Path) -> _Page:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.page


def _target_file(site: Path, path: str) -> Path | None:
    """The file a URL path serves, as a static server would (dir → index.html)."""
    candidate = site / unquote(path).lstrip("/")
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_site(site: Path, site_url: str | None = None) -> list[str]:
    """Return one line per broken internal link, anchor or asset reference.

    Links to other hosts are not followed (the browser test proves none are
    loaded); absolute links to ``site_url`` are treated as internal.
    """
    pages: dict[Path, _Page] = {}

    def page(path: Path) -> _Page:
        if path not in pages:
            pages[path] = _parse(path)
        return pages[path]

    problems = []
    for html in sorted(site.rglob("*.html")):
        here = _ROOT + html.relative_to(site).as_posix()
        for tag, url in page(html).references:
            if site_url and url.startswith(site_url):
                url = "/" + url[len(site_url) :]
            target = urlsplit(urljoin(here, url))
            if f"{target.scheme}://{target.netloc}/" != _ROOT:
                continue  # another host, mailto:, data:, javascript: ...
            where = f"{html.relative_to(site).as_posix()}: <{tag}> {url}"
            file = _target_file(site, target.path)
            if file is None:
                problems.append(f"{where}: no such file")
            elif target.fragment and file.suffix == ".html":
                if unquote(target.fragment) not in page(file).ids:
                    problems.append(f"{where}: no id {target.fragment!r} on that page")
    return problems
