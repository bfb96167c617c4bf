"""The browser lays the site's math out as math: MathML written at build time.

No KaTeX stylesheet or font reaches the reader (picturenn_docs/engines/math.py), so what
a reader sees is the browser's MathML layout plus the site's stylesheet: a
subscript sits below and smaller than its letter, an aligned pair of equations
lines up on its = signs, and a number's sign sits next to the number rather
than spaced like a subtraction.
"""

from __future__ import annotations

import pytest

_SUBSCRIPT = """() => {
  const sub = document.querySelector('.md-content msub');
  const [base, script] = [...sub.children].map(el => el.getBoundingClientRect());
  const [letter, below] = [...sub.children].map(el => parseFloat(getComputedStyle(el).fontSize));
  return {lower: script.bottom - base.bottom, smaller: below < letter};
}"""

_EQUALS = """() => {
  const table = document.querySelector('.md-content mtable[columnalign^="right left"]');
  const equals = row => [...row.querySelectorAll('mo')].find(mo => mo.textContent === '=');
  return [...table.querySelectorAll('mtr')].map(row => equals(row).getBoundingClientRect().left);
}"""

_SIGN = """() => {
  const sign = document.querySelector('.md-content mo[form="prefix"]');
  const open = sign.previousElementSibling.getBoundingClientRect();
  const plus = [...document.querySelectorAll('.md-content mo')].find(mo => mo.textContent === '+');
  const term = plus.previousElementSibling.getBoundingClientRect();
  return {sign: sign.getBoundingClientRect().left - open.right,
          plus: plus.getBoundingClientRect().left - term.right};
}"""


@pytest.mark.slow
@pytest.mark.browser
def test_math_is_laid_out_as_mathml(reader, site_url):
    context, _ = reader
    tab = context.new_page()
    try:
        tab.goto(site_url + "algebra/")
        sub = tab.evaluate(_SUBSCRIPT)
        assert sub["lower"] > 2, sub
        assert sub["smaller"], sub
        lefts = tab.evaluate(_EQUALS)
        assert len(lefts) == 2, lefts
        assert abs(lefts[0] - lefts[1]) < 1, lefts
        tab.goto(site_url + "predict/")
        gaps = tab.evaluate(_SIGN)
        assert gaps["sign"] < 1.5 < gaps["plus"], gaps  # "(−0.5)", but "0.3 + 1"
    finally:
        tab.close()
