"""Fence specs: every mistake names its line; the views they make agree and run."""

import builtins
import contextlib
import io
import re

import pytest

from picturenn import Network, algebra
from picturenn_docs.core.failures import CheckFailed
from picturenn_docs.engines.fences.render import render_diagram, render_network, run_generated
from picturenn_docs.engines.fences.spec import GENERATED, build_network, parse_spec


def fails_at(kind, body, line, words, path="docs/p.md", start=20):
    with pytest.raises(CheckFailed) as caught:
        parse_spec(kind, tuple(body), path, start)
    assert (caught.value.path, caught.value.line) == (path, line)
    assert words in caught.value.message
    return caught.value


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        (["widths: 3 4 1", "colour: red"], 22, "unknown key 'colour'"),
        (["widths: 3 x 1"], 21, "widths must be whole numbers"),
        (["widths: 3"], 21, "2 or more"),
        (["widths: 3 0 1"], 21, "positive"),
        (["seed: 1"], 20, "either 'widths"),
        (["widths: 3 1", "source: examples/a.py"], 20, "either 'widths"),
        (["widths: 3 1", "", "widths: 3 2"], 23, "given twice"),
        (["widths: 3 1", "seed: one"], 22, "seed must be whole numbers"),
        (["widths: 3 1", "input: 1 zero 1"], 22, "input must be numbers"),
        (["widths: 3 1", "picture: fancy"], 22, "picture must be one of"),
        (["just some words"], 21, "expected 'key: value'"),
    ],
)
def test_network_spec_mistakes_name_the_line(body, line, words):
    fails_at("network", body, line, words)


def test_diagram_keys_differ_from_network_keys():
    fails_at("diagram", ["widths: 3 1", "picture: blocks"], 22, "unknown key 'picture'")
    fails_at("network", ["widths: 3 1", "style: blocks"], 22, "unknown key 'style'")
    fails_at("diagram", ["widths: 3 1", "style: backprop", "input: 1 0 1"], 22, "needs 'goal:'")


def test_an_input_of_the_wrong_width_fails_at_the_input_line(tmp_path):
    spec = parse_spec("network", ("widths: 3 4 1", "# a comment", "input: 1 0"), "docs/p.md", 5)
    with pytest.raises(CheckFailed) as caught:
        build_network(spec, tmp_path)
    assert caught.value.line == 8
    assert "3" in caught.value.message


def test_a_goal_without_an_input_is_checked_against_the_input_the_picture_uses(tmp_path):
    # the backprop picture feeds in the default input (1 0 1), so the 1-value goal fits
    spec = parse_spec("diagram", ("widths: 3 4 1", "style: backprop", "goal: 1"), "docs/p.md", 5)
    assert build_network(spec, tmp_path).widths == [3, 4, 1]
    spec = parse_spec("diagram", ("widths: 3 4 1", "style: backprop", "goal: 1 0"), "docs/p.md", 5)
    with pytest.raises(CheckFailed) as caught:
        build_network(spec, tmp_path)
    assert caught.value.line == 8
    assert "the goal has 2 values but the output layer l_2 has 1" in caught.value.message


def test_a_source_file_must_exist_and_define_net(tmp_path):
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "empty.py").write_text("x = 1\n")
    (tmp_path / "examples" / "broken.py").write_text("x = 1\ny = 1 / 0\n")
    for name, where, words in [
        ("missing.py", ("docs/p.md", 3), "no such file"),
        ("empty.py", ("docs/p.md", 3), "must define 'net'"),
        ("broken.py", ("docs/examples/broken.py", 2), "ZeroDivisionError"),
    ]:
        spec = parse_spec("diagram", (f"source: examples/{name}",), "docs/p.md", 2)
        with pytest.raises(CheckFailed) as caught:
            build_network(spec, tmp_path)
        assert (caught.value.path, caught.value.line) == where
        assert words in caught.value.message


def fake_figures(calls):
    def store(identity, draw):
        calls.append(identity)
        return "fig.svg", "alt text [with brackets]", (300, 200)

    return store


def run_pasted(markdown):
    """Run the python block of a tab as a reader would, and return what it printed."""
    code = re.search(r"```python\n(.*?)```", markdown, re.S).group(1)
    script = "\n".join(line[4:] if line.startswith("    ") else line for line in code.splitlines())
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(script, {"__builtins__": builtins})
    shown = [line.strip()[3:] for line in code.splitlines() if line.strip().startswith("#> ")]
    return buffer.getvalue(), shown


@pytest.mark.parametrize("widths", [(3, 4, 1), (784, 100, 10), (2, 1)])
def test_network_tabs_come_from_one_network_and_the_code_runs_as_pasted(widths):
    body = (f"widths: {' '.join(map(str, widths))}", "input: " + " ".join(["1"] * widths[0]))
    spec = parse_spec("network", body, "docs/p.md", 1)
    net = Network.random(list(widths), seed=1)
    calls = []
    markdown = render_network(spec, net, "id", fake_figures(calls))
    titles = re.findall(r'^=== "(\w+)"', markdown, re.M)
    assert titles == ["Picture", "Algebra", "Code", "Values"]
    assert f"]({GENERATED}/fig.svg)" in markdown
    assert r"\[with brackets\]" in markdown
    assert algebra.render(net, latex=True) in markdown
    printed, shown = run_pasted(markdown)
    expected = io.StringIO()
    with contextlib.redirect_stdout(expected):
        print(net.forward([1.0] * widths[0]))
    assert printed == expected.getvalue()
    assert shown == printed.splitlines()


def test_without_input_there_is_no_values_tab():
    spec = parse_spec("network", ("widths: 3 4 1",), "docs/p.md", 1)
    markdown = render_network(spec, Network.random([3, 4, 1], seed=1), "id", fake_figures([]))
    assert '=== "Values"' not in markdown


def test_a_diagram_is_a_figure_with_alt_text_and_caption():
    spec = parse_spec("diagram", ("widths: 3 4 1", "caption: Three <in>"), "docs/p.md", 1)
    calls = []
    markdown = render_diagram(spec, Network.random([3, 4, 1], seed=1), "id", fake_figures(calls))
    assert markdown.startswith('<figure markdown="span">')
    assert "<figcaption>Three &lt;in&gt;</figcaption>" in markdown
    assert "style=blocks" in calls[0]


def test_generated_code_output_is_the_markdown_and_errors_name_the_page_line():
    assert run_generated(("print('| a |')",), "docs/p.md", 4) == "| a |\n"
    with pytest.raises(CheckFailed) as caught:
        run_generated(("x = 1", "", "raise ValueError('nope')"), "docs/p.md", 4)
    assert (caught.value.path, caught.value.line) == ("docs/p.md", 6)
    assert "ValueError: nope" in caught.value.message
