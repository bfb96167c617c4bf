"""Find the fenced code blocks of a Markdown page, with their line numbers.

Only *outermost* fences count: a fence shown inside another fence (for example
a ```` ```network ```` block inside a ```` ````markdown ```` block that documents
the syntax) is text, not a block, so it is neither run nor replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


@dataclass(frozen=True)
class Block:
    """One fenced block: ``lang`` is the first word of the info string.

    ``start`` is the 1-based line of the opening fence, ``end`` the line of
    the closing fence; ``body`` holds the lines between them with the fence's
    indentation removed, so body line ``i`` is page line ``start + 1 + i``.
    """

    lang: str
    info: str
    start: int
    end: int
    indent: str
    body: tuple[str, ...]

    @property
    def first_body_line(self) -> int:
        return self.start + 1


def _lang(info: str) -> str:
    """``python title="x"`` -> python; ``{ .pycon }`` -> pycon."""
    words = info.strip().lstrip("{").split()
    return words[0].lstrip(".").rstrip("}").lower() if words else ""


def _dedent(line: str, indent: str) -> str:
    return line[len(indent) :] if line.startswith(indent) else line.lstrip(" \t")


def find_blocks(text: str) -> list[Block]:
    """Return the outermost fenced blocks of ``text`` in page order.

    >>> page = "```pycon\\n>>> 1 + 1\\n2\\n```\\n````md\\n```network\\nwidths: 3 1\\n```\\n````"
    >>> for block in find_blocks(page):
    ...     print(block.lang, block.start, block.end, block.body)
    pycon 1 4 ('>>> 1 + 1', '2')
    md 5 9 ('```network', 'widths: 3 1', '```')
    """
    lines = text.splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        match = _OPEN.match(lines[i])
        if match is None or (match["fence"][0] == "`" and "`" in match["info"]):
            i += 1
            continue
        fence, indent = match["fence"], match["indent"]
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not closing.match(lines[j]):
            j += 1
        body = tuple(_dedent(line, indent) for line in lines[i + 1 : j])
        info = match["info"].strip()
        blocks.append(Block(_lang(info), info, i + 1, j + 1, indent, body))
        i = j + 1
    return blocks


def replace_blocks(text: str, replacements: dict[Block, str]) -> str:
    """Swap each given block (fences included) for Markdown, keeping its indentation.

    >>> page = "a\\n```diagram\\nwidths: 2 1\\n```\\nb\\n"
    >>> block = find_blocks(page)[0]
    >>> replace_blocks(page, {block: "FIGURE"})
    'a\\nFIGURE\\nb\\n'
    """
    if not replacements:
        return text
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    for block in sorted(replacements, key=lambda b: b.start):
        out.extend(lines[i : block.start - 1])
        new = replacements[block].splitlines()
        out.extend(block.indent + line if line.strip() else "" for line in new)
        i = block.end
    out.extend(lines[i:])
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")
