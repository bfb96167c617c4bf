"""The algebra and the code of a widget, each part marked with the picture's ``data-part`` id.

The algebra is :mod:`picturenn.algebra`'s LaTeX with every ``l_{k}``,
``W_{k}`` and relu wrapped in KaTeX's ``\\htmlData{part=...}`` (the build's math
pass turns it into a ``data-part`` attribute of the MathML, math.py). The code is
:mod:`picturenn.code`'s script highlighted by Pygments (the classes
pymdownx.highlight uses, so the theme colours it), with ``layer_k``,
``weights_k_m`` and each layer's ``relu`` call marked.
"""

from __future__ import annotations

import html
import re

_LETTER = re.compile(r"\b([lW])_\{(\d+)\}")
_RELU = r"\operatorname{relu}"


def marked_tex(tex: str) -> str:
    """LaTeX with its parts wrapped for KaTeX's ``\\htmlData``.

    Each relu is numbered by the layer it makes: one past the last matrix
    inside its parentheses.

    >>> for piece in marked_tex(r"l_{1} = \\operatorname{relu}(l_{0} W_{0})").split(" "):
    ...     print(piece)
    \\htmlData{part=l1}{l_{1}}
    =
    \\htmlData{part=relu1}{\\operatorname{relu}}(\\htmlData{part=l0}{l_{0}}
    \\htmlData{part=W0}{W_{0}})
    """
    out, rest = "", tex
    while _RELU in rest:
        before, rest = rest.split(_RELU, 1)
        k = _made_by(rest)
        out += before + (rf"\htmlData{{part=relu{k}}}{{{_RELU}}}" if k else _RELU)
    tex = out + rest
    # relu's own \htmlData{part=relu1} must not be re-wrapped: it has no "_{"
    return _LETTER.sub(lambda m: rf"\htmlData{{part={m[1]}{m[2]}}}{{{m[0]}}}", tex)


def _made_by(argument: str) -> int | None:
    """The layer a relu makes: one past the last ``W_{k}`` inside its parentheses."""
    depth = 0
    for end, char in enumerate(argument):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            matrices = re.findall(r"W_\{(\d+)\}", argument[:end])
            return int(matrices[-1]) + 1 if matrices else None
    return None


def display_math(tex: str) -> str:
    """A display formula as arithmatex leaves it, so the build's KaTeX pass renders it."""
    return f'<div class="arithmatex">\\[{html.escape(tex, quote=False)}\\]</div>'


def inline_math(tex: str) -> str:
    return f'<span class="arithmatex">\\({html.escape(tex, quote=False)}\\)</span>'


_TOKEN = re.compile(r'<span class="n">(layer_(\d+)|weights_(\d+)_\d+|relu)</span>')


def code_html(script: str) -> str:
    """The script highlighted like a page's code block, its names marked as parts."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    body = highlight(script, PythonLexer(), HtmlFormatter(nowrap=True))
    lines = []
    for line in body.split("\n"):
        made = re.match(r'<span class="n">layer_(\d+)</span>', line)
        lines.append(_TOKEN.sub(lambda m, made=made: _marked(m, made), line))
    code = "\n".join(lines).rstrip("\n")
    # a blank line would end the raw HTML block in Markdown: keep it a line with a space
    code = re.sub(r"\n(?=\n)", "\n ", code)
    return (
        f'<div class="language-python highlight"><pre><span></span><code>{code}</code></pre></div>'
    )


def _marked(token: re.Match[str], made: re.Match[str] | None) -> str:
    if token[2] is not None:
        part = f"l{token[2]}"
    elif token[3] is not None:
        part = f"W{token[3]}"
    elif made is not None:  # `layer_k = relu(...)`: the relu that makes layer k
        part = f"relu{made[1]}"
    else:
        return token[0]  # relu's definition is every relu at once: no single part
    return f'<span class="n" data-part="{part}">{token[1]}</span>'
