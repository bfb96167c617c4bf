"""Numbers in sentences: found outside code, filled in when they agree, named when they do not."""

import pytest

from picturenn_docs.core.failures import CheckFailed
from picturenn_docs.engines.inline_values import evaluate, fill, find

PAGE = """# A page

```values
from picturenn import Network

delta = Network.random([3, 4, 1], seed=1).backprop([1, 0, 1], [1]).deltas[2][0, 0]
```

The delta is {{ −0.61 | f"{delta:.2f}" }}, or {{ -0.6081 | f"{delta:.4f}" }} in full.
Code shows the syntax as text: `{{ 1 | x }}`.

```pycon
>>> print({{1}})
```
"""


def _check(page):
    setup, values, bad = find(page, "docs/page.md")
    computed = evaluate(setup, values, "docs/page.md")
    text, wrong = fill(page, values, computed, "docs/page.md")
    return text, [str(f) for f in bad + wrong]


def test_agreeing_values_are_filled_in_as_written_and_code_is_left_alone():
    text, failures = _check(PAGE)
    assert failures == []
    assert "The delta is −0.61, or -0.6081 in full." in text
    assert "`{{ 1 | x }}`" in text
    assert ">>> print({{1}})" in text
    assert len(text.splitlines()) == len(PAGE.splitlines())  # block lines stay where they were


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (
            ("{{ −0.61 |", "{{ −0.62 |"),
            'docs/page.md:9: the page says −0.62 but f"{delta:.2f}" gives -0.61',
        ),
        (("{{ −0.61 |", "{{ 0.61 |"), "docs/page.md:9: the page says 0.61 but"),  # the sign counts
        (
            ("{{ −0.61 | ", "{{ −0.61 "),
            "docs/page.md:9: write an inline value as {{ as it reads | expression }}",
        ),
        (
            ("Code shows", "{{ unclosed | x Code shows"),
            "docs/page.md:10: an inline value opens {{ but never closes }}",
        ),
    ],
)
def test_a_wrong_or_malformed_value_is_named_by_page_and_line(change, says):
    _, failures = _check(PAGE.replace(*change))
    assert any(says in failure for failure in failures), failures


def test_an_expression_or_setup_that_raises_names_its_line():
    with pytest.raises(CheckFailed, match=r"^docs/page.md:9: inline value 'delta\.nope' raised"):
        _check(PAGE.replace('f"{delta:.2f}"', "delta.nope"))
    with pytest.raises(CheckFailed, match=r"^docs/page.md:6: values block raised NameError"):
        _check(PAGE.replace("Network.random", "Networ.random"))
