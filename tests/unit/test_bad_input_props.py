"""Bad input, thrown by hypothesis at every door a reader can open.

Whatever goes in, what comes out is a ValueError or TypeError whose one-line
message names the layer or matrix in the chapter's terms (l_k, W_k, "layer k",
"the input", "the goal") — never an IndexError, a numpy broadcasting message or
a crash. The command line ends with exit status 2 and one line on stderr.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import math
import re
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from picturenn import Network

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# words that show numpy, not the package, wrote the message
NUMPY_WORDS = re.compile(
    r"broadcast|operands|not aligned|inhomogeneous|setting an array element|index \d+ is out"
    r"|could not convert|object of type|unsupported operand|has no len",
    re.IGNORECASE,
)


def explained(call, *names: str) -> str:
    """Run ``call``; it must fail with a one-line ValueError/TypeError naming one of ``names``."""
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    error = info.value
    message = str(error)
    assert type(error) in (ValueError, TypeError), f"{type(error).__name__}: {message}"
    assert "\n" not in message.strip(), f"not one line: {message!r}"
    assert not NUMPY_WORDS.search(message), f"numpy's words, not the chapter's: {message!r}"
    assert any(name in message for name in names), f"{message!r} names none of {names}"
    return message


# -- building blocks --------------------------------------------------------

widths_ok = st.lists(st.integers(1, 5), min_size=2, max_size=4)
finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False)
not_finite = st.sampled_from([math.nan, math.inf, -math.inf])
junk = st.sampled_from([None, "1 0 1", "abc", b"101", {"a": 1}, object(), 1 + 2j, ..., set()])


def shape_of(value: object) -> tuple[int, ...] | None:
    """numpy's shape of ``value``, or None when it is ragged."""
    try:
        return np.shape(value)
    except ValueError:
        return None


def matrix(rows: int, cols: int) -> st.SearchStrategy[list[list[float]]]:
    return st.lists(st.lists(finite, min_size=cols, max_size=cols), min_size=rows, max_size=rows)


@st.composite
def spoiled(draw: st.DrawFn, shape: tuple[int, ...]) -> object:
    """A value that should have had ``shape`` (1-D or 2-D), spoiled in one way."""
    rows, cols = (1, shape[0]) if len(shape) == 1 else shape
    good = np.asarray(draw(matrix(rows, cols)))
    if len(shape) == 1:
        good = good[0]
    kind = draw(
        st.sampled_from(
            [
                "junk",
                "not_finite",
                "string_cell",
                "none_cell",
                "ragged",
                "empty",
                "too_wide",
                "too_narrow",
                "three_d",
                "scalar",
            ]
        )
    )
    if kind == "junk":
        return draw(junk)
    if kind == "not_finite":
        spoilt = good.astype(float).copy()
        spoilt.flat[draw(st.integers(0, spoilt.size - 1))] = draw(not_finite)
        return spoilt.tolist()
    if kind in ("string_cell", "none_cell"):
        spoilt = good.astype(object)
        spoilt.flat[draw(st.integers(0, spoilt.size - 1))] = "x" if kind == "string_cell" else None
        return spoilt.tolist()
    if kind == "ragged":
        table = np.atleast_2d(good).tolist()
        table.append(table[-1] + [1.0])
        return table
    if kind == "empty":
        return draw(st.sampled_from([[], [[]], np.empty((0, cols)), np.empty((rows, 0))]))
    if kind == "too_wide":
        return np.hstack([np.atleast_2d(good), np.ones((np.atleast_2d(good).shape[0], 1))])
    if kind == "too_narrow" and cols > 1:
        return np.atleast_2d(good)[:, :-1]
    if kind == "scalar":
        return draw(finite)
    return np.ones((2, rows, cols))  # three_d, and too_narrow when there is one column


# -- Network(...) and Network.random ------------------------------------------


@SETTINGS
@given(widths=st.lists(st.integers(1, 4), min_size=2, max_size=4), data=st.data())
def test_a_spoiled_weight_matrix_is_named(widths, data):
    weights = [np.ones((a, b)) for a, b in itertools.pairwise(widths)]
    k = data.draw(st.integers(0, len(weights) - 1), label="k")
    weights[k] = data.draw(spoiled(weights[k].shape), label="W_k")
    names = [f"W_{k}", f"W_{k + 1}", f"layer {k}", f"layer {k + 1}"]  # a shape clash names both
    try:
        Network(weights)  # a wider last matrix still chains: a network with more outputs
    except (ValueError, TypeError):
        explained(lambda: Network(weights), *names)


@SETTINGS
@given(data=st.data())
def test_bad_weight_lists_are_refused(data):
    weights = data.draw(
        st.one_of(junk, st.just([]), st.just(np.ones((3, 4))), st.just((np.ones((3, 4)),) * 0))
    )
    explained(lambda: Network(weights), "W_0", "weights")


@SETTINGS
@given(widths=widths_ok, data=st.data())
def test_a_bad_width_names_its_layer(widths, data):
    k = data.draw(st.integers(0, len(widths) - 1), label="k")
    widths[k] = data.draw(
        st.one_of(st.integers(-5, 0), st.floats(0.5, 9.5), junk, st.just(True), st.just("4")),
        label="width",
    )
    explained(lambda: Network.random(widths, seed=1), f"layer {k}")


@SETTINGS
@given(seed=st.one_of(st.integers(max_value=-1), st.integers(min_value=2**32), junk, st.floats()))
def test_a_bad_seed_is_refused(seed):
    if seed is None:
        return  # None asks numpy for fresh randomness: allowed
    explained(lambda: Network.random([3, 4, 1], seed=seed), "seed")


@SETTINGS
@given(widths=st.one_of(junk, st.just([]), st.lists(st.integers(1, 5), max_size=1)))
def test_too_few_or_no_widths_are_refused(widths):
    explained(lambda: Network.random(widths, seed=1), "widths", "layers", "layer")


# -- forward, trace, backprop, train ------------------------------------------


@SETTINGS
@given(widths=widths_ok, data=st.data())
@pytest.mark.parametrize("method", ["forward", "trace"])
def test_a_bad_input_is_named(method, widths, data):
    net = Network.random(widths, seed=1)
    x = data.draw(spoiled((widths[0],)), label="x")
    explained(lambda: getattr(net, method)(x), "the input")


@SETTINGS
@given(widths=widths_ok, data=st.data())
def test_backprop_names_a_bad_input_or_goal(widths, data):
    net = Network.random(widths, seed=1)
    x, goal = np.ones(widths[0]), np.zeros(widths[-1])
    if data.draw(st.booleans(), label="spoil the goal"):
        goal = data.draw(spoiled((widths[-1],)), label="goal")
        if shape_of(goal) == (1, widths[-1]):
            return  # one row of goals for one input: a fine goal after all
        explained(lambda: net.backprop(x, goal), "the goal", "goals", f"l_{len(widths) - 1}")
    else:
        x = data.draw(spoiled((widths[0],)), label="x")
        explained(lambda: net.backprop(x, goal), "the input")


@SETTINGS
@given(widths=widths_ok, rows=st.integers(1, 4), data=st.data())
def test_train_names_bad_inputs_goals_and_settings(widths, rows, data):
    net = Network.random(widths, seed=1)
    inputs, goals = np.ones((rows, widths[0])), np.zeros((rows, widths[-1]))
    spoil = data.draw(st.sampled_from(["inputs", "goals", "count", "alpha", "iterations"]))
    settings_ = {"alpha": 0.1, "iterations": 2}
    names: tuple[str, ...]
    if spoil == "inputs":
        inputs, names = data.draw(spoiled((rows, widths[0]))), ("the input",)
    elif spoil == "goals":
        goals = data.draw(spoiled((rows, widths[-1])))
        names = ("the goal", "goals", f"l_{len(widths) - 1}")
        if widths[-1] == 1 and shape_of(goals) == (rows,):
            return  # one plain goal per row: allowed, like walk_vs_stop
    elif spoil == "count":
        goals, names = np.zeros((rows + 1, widths[-1])), ("goals",)
    else:
        bad = st.one_of(junk, not_finite, st.integers(-5, -1) if spoil == "iterations" else junk)
        settings_[spoil], names = data.draw(bad), (spoil,)
    explained(lambda: net.train(inputs, goals, **settings_), *names)


# -- the views ----------------------------------------------------------------

not_a_network = st.one_of(junk, st.just([3, 4, 1]), st.just(np.ones((3, 4))))


@SETTINGS
@given(thing=not_a_network)
def test_views_refuse_what_is_not_a_network(thing):
    from picturenn import algebra, code, draw

    if isinstance(thing, list) and thing == [3, 4, 1]:  # letters and one-liner need only widths
        assert algebra.render(thing) == algebra.render(Network.random(thing))
        assert code.render(thing) == code.render(Network.random(thing))
    else:
        explained(lambda: algebra.render(thing), "Network", "width", "layers")
        explained(lambda: code.render(thing), "Network", "width", "layers")
    explained(lambda: algebra.words(thing), "Network")
    for style in ("detailed", "blocks", "shapes"):
        explained(lambda style=style: draw.STYLES[style](thing), "Network")
    explained(lambda: draw.alt_text(thing), "Network")


@SETTINGS
@given(form=st.one_of(st.text(max_size=8), junk))
def test_views_refuse_unknown_forms(form):
    from picturenn import algebra, code

    net = Network.random([3, 4, 1], seed=1)
    if form not in ("chained", "steps"):
        explained(lambda: algebra.render(net, form), "form")
    if form not in ("oneliner", "steps", "standalone"):
        explained(lambda: code.render(net, form), "form")


@SETTINGS
@given(widths=widths_ok, data=st.data())
def test_views_name_a_bad_input_or_goal(widths, data):
    from picturenn import code, draw

    net = Network.random(widths, seed=1)
    x = data.draw(spoiled((widths[0],)), label="x")
    if (shape := shape_of(x)) and len(shape) == 2 and shape[1] == widths[0]:
        return  # several good rows: the standalone script takes a batch
    if x is not None:  # None asks the script for its default input
        explained(lambda: code.render(net, "standalone", x=x), "the input")
    explained(lambda: draw.predict(net, x), "the input")
    explained(lambda: draw.alt_text(net, "predict", x=x), "the input")
    goal = data.draw(spoiled((widths[-1],)), label="goal")
    if shape_of(goal) == (1, widths[-1]):
        return
    explained(lambda: draw.backprop(net, np.ones(widths[0]), goal), "the goal", "goals", "l_")


# -- the network fence --------------------------------------------------------


@SETTINGS
@given(
    value=st.one_of(
        st.sampled_from(["", "3 x 1", "0 4 1", "3", "-1", "1.5 2", "nan", "inf", "a", f"{2**32}"]),
        st.lists(st.integers(-3, 9), max_size=6).map(lambda v: " ".join(map(str, v))),
    ),
    start=st.integers(1, 500),
)
@pytest.mark.parametrize("key", ["widths", "seed", "input", "goal", "picture"])
def test_a_bad_network_fence_names_page_and_line(key, value, start):
    from picturenn_docs.core.failures import CheckFailed
    from picturenn_docs.engines.fences.spec import build_network, parse_spec

    lines = {"widths": "widths: 3 4 1", "input": "input: 1 0 1", "goal": "goal: 1"}
    if key == "widths":  # new widths could make the (good) input misfit: leave it out
        del lines["input"], lines["goal"]
    lines[key] = f"{key}: {value}"
    body = tuple(lines.values())
    line = start + 1 + list(lines).index(key)
    try:
        net = build_network(parse_spec("network", body, "page.md", start), docs_dir=None)
    except CheckFailed as error:
        message = str(error)
        assert "\n" not in message
        assert message.startswith(f"page.md:{line}: network fence: "), message
        assert not NUMPY_WORDS.search(message), message
    else:  # the drawn value made a good spec after all (e.g. "seed: 7")
        assert isinstance(net, Network)


# -- the command line ---------------------------------------------------------

BAD_ARGUMENTS = st.one_of(
    st.lists(
        st.sampled_from(["train", "algebra", "code", "draw", "fly", "--bogus", "-x"]), max_size=3
    ),
    st.tuples(
        st.sampled_from(["algebra", "code", "draw"]),
        st.lists(st.sampled_from(["0", "-1", "x", "3.5", "", "nan"]), min_size=1, max_size=3),
    ).map(lambda t: [t[0], *t[1]]),
    st.tuples(
        st.sampled_from(["--alpha", "--hidden-size", "--iterations", "--every", "--seed"]),
        st.sampled_from(["x", "0", "-3", "nan", "inf", "", "1e999"]),
    ).map(lambda t: ["train", *t]),
    st.tuples(
        st.sampled_from(["predict", "backprop"]),
        st.lists(st.sampled_from(["1", "0", "nan", "inf", "x"]), min_size=1, max_size=5),
    ).map(lambda t: ["draw", "3", "4", "1", "--style", t[0], "--input", *t[1]]),
    st.just(["draw", "3", "4", "1", "--style", "backprop", "--goal", "1", "2"]),
    st.just(["code", "3", "1", "--input", "1"]),
)


@settings(max_examples=150, deadline=None)
@given(argv=BAD_ARGUMENTS)
def test_cli_bad_arguments_end_with_one_line_and_status_2(argv):
    from picturenn.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exit_:  # argparse's --help/--version paths
            status = exit_.code
    if status == 0:
        return  # the drawn arguments happened to be fine (e.g. "train --seed 0")
    if status == 1:  # a run that diverged (e.g. a huge --alpha) is not bad arguments
        assert "training diverged" in err.getvalue(), (argv, err.getvalue())
    else:
        assert status == 2, (argv, status, err.getvalue())
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1, (argv, err.getvalue())
    assert lines[0].startswith("picturenn"), lines
    assert "Traceback" not in err.getvalue()


@pytest.mark.parametrize(
    "argv",
    [
        ["algebra", "3", "0", "1"],
        ["code", "3", "x"],
        ["draw", "3", "4", "1", "--style", "predict", "--input", "1", "nan", "1"],
        [
            "draw",
            "3",
            "4",
            "1",
            "--style",
            "backprop",
            "--input",
            "1",
            "0",
            "1",
            "--goal",
            "1",
            "2",
        ],
        ["train", "--alpha", "inf"],
    ],
)
def test_python_m_picturenn_exits_2_without_traceback(argv):
    done = subprocess.run(
        [sys.executable, "-m", "picturenn", *argv], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2, done
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr


# -- every public function, every argument ------------------------------------

# One good call of every public function; the sweep spoils one argument at a time.
# The table must list every public function (checked below), so a new one is swept too.
NET = Network.random([3, 4, 1], seed=1)
X, GOAL = [1.0, 0.0, 1.0], [1.0]


def _figure():
    from picturenn import draw

    return draw.blocks(NET)


def good_calls() -> dict[str, tuple[object, dict[str, object]]]:
    from picturenn import algebra, cli, code, datasets, draw, network

    def fresh(method: str):  # train and step change the weights: each call gets its own
        return lambda *a, **k: getattr(Network.random([3, 4, 1], seed=1), method)(*a, **k)

    return {
        "picturenn.network.relu": (network.relu, {"x": [1.0, -1.0]}),
        "picturenn.network.relu2deriv": (network.relu2deriv, {"output": [0.0, 1.0]}),
        "picturenn.network.Network": (Network, {"weights": [[[1.0]], [[2.0]]]}),
        "picturenn.network.Network.random": (Network.random, {"widths": [3, 4, 1], "seed": 1}),
        "picturenn.network.Network.forward": (NET.forward, {"x": X}),
        "picturenn.network.Network.trace": (NET.trace, {"x": X}),
        "picturenn.network.Network.backprop": (NET.backprop, {"x": X, "goal": GOAL}),
        "picturenn.network.Network.step": (fresh("step"), {"x": X, "goal": GOAL, "alpha": 0.2}),
        "picturenn.network.Network.train": (
            fresh("train"),
            {"inputs": [X], "goals": [GOAL], "alpha": 0.2, "iterations": 2},
        ),
        "picturenn.datasets.streetlight": (datasets.streetlight, {}),
        "picturenn.algebra.render": (
            algebra.render,
            {"net": NET, "form": "chained", "latex": False, "shapes": False},
        ),
        "picturenn.algebra.words": (algebra.words, {"net": NET, "latex": False}),
        "picturenn.algebra.view_widths": (
            algebra.view_widths,
            {"net": NET, "form": "chained", "forms": algebra.FORMS},
        ),
        "picturenn.algebra.check_view": (
            algebra.check_view,
            {"net": NET, "form": "chained", "forms": algebra.FORMS},
        ),
        "picturenn.code.render": (code.render, {"net": NET, "form": "standalone", "x": X}),
        "picturenn.code.example_input": (code.example_input, {"net": NET}),
        **{
            f"picturenn.draw.{name}": (draw.STYLES[name], {"net": NET, "fit": 6.0})
            for name in ("blocks", "detailed", "shapes")
        },
        "picturenn.draw.predict": (draw.predict, {"net": NET, "x": X, "fit": 6.0}),
        "picturenn.draw.backprop": (draw.backprop, {"net": NET, "x": X, "goal": GOAL, "fit": 6.0}),
        "picturenn.draw.alt_text": (
            draw.alt_text,
            {"net": NET, "style": "backprop", "x": X, "goal": GOAL},
        ),
        "picturenn.draw.architecture": (draw.architecture, {"net": NET}),
        "picturenn.draw.to_svg": (lambda fig: draw.to_svg(fig), {"fig": "FIGURE"}),
        "picturenn.draw.to_png": (draw.to_png, {"fig": "FIGURE", "dpi": 20}),
        "picturenn.draw.to_pdf": (draw.to_pdf, {"fig": "FIGURE"}),
        "picturenn.draw.save": (draw.save, {"fig": "FIGURE", "path": "PATH", "dpi": None}),
        "picturenn.cli.main": (cli.main, {"argv": ["algebra", "3", "1"]}),
        "picturenn.cli.build_parser": (cli.build_parser, {}),
    }


def public_functions() -> set[str]:
    """Every public function and method of the package's public modules."""
    import importlib
    import inspect

    found = set()
    for module_name in ("network", "datasets", "algebra", "code", "draw", "cli"):
        module = importlib.import_module(f"picturenn.{module_name}")
        names = getattr(module, "__all__", None) or [n for n in vars(module) if n[0] != "_"]
        for name in names:
            obj = getattr(module, name)
            if inspect.isfunction(obj) and (
                hasattr(module, "__all__") or obj.__module__ == module.__name__
            ):
                found.add(f"picturenn.{module_name}.{name}")
            elif inspect.isclass(obj) and obj.__module__ == module.__name__:
                if obj is Network:
                    found.add(f"picturenn.{module_name}.{name}")
                    found |= {
                        f"picturenn.{module_name}.{name}.{m}"
                        for m, v in vars(obj).items()
                        if m[0] != "_" and isinstance(v, (classmethod, type(lambda: 0)))
                    }
    return found


def test_the_sweep_covers_every_public_function():
    assert public_functions() == set(good_calls())


# Junk a reader might pass for any argument; each must be used, or refused in one line.
HUGE = 10**400  # a whole number beyond any float
SWEEP_JUNK = [
    None,
    "abc",
    "",
    b"101",
    1 + 2j,
    object(),
    {"a": 1},
    [],
    [[1, 2], [3]],
    math.nan,
    -1,
    HUGE,
    True,
    np.array(["x"]),
    np.ones((2, 2, 2)),
]
# the chapter's words, and the argument names: a message must use one of them
TERMS = (
    "l_",
    "W_",
    "δ",
    "layer",
    "input",
    "goal",
    "Network",
    "picture",
    "Figure",
    "widths",
    "weights",
    "form",
    "style",
    "seed",
    "alpha",
    "iterations",
    "fit",
    "ax",
    "dpi",
    "path",
    "file",
    "argv",
    "relu",
    "numbers",
    "number",
    "values",
    "network",
)


@pytest.mark.parametrize("name", sorted(good_calls()))
def test_every_argument_of_every_public_function_refuses_junk_in_one_line(name, tmp_path):
    function, good = good_calls()[name]

    def real(value):
        if isinstance(value, str) and value == "FIGURE":
            return _figure()
        if isinstance(value, str) and value == "PATH":
            return tmp_path / "net.svg"
        return value

    assert function(**{k: real(v) for k, v in good.items()}) is not False  # the good call works
    for argument in good:
        for junk in SWEEP_JUNK:
            if argument == "iterations" and junk is HUGE:
                continue  # a fine whole number: train would run, for ever
            arguments = {k: real(v) for k, v in good.items()}
            arguments[argument] = junk
            try:
                with contextlib.redirect_stdout(io.StringIO()):
                    function(**arguments)
            except (ValueError, TypeError):
                message = explained(lambda a=arguments: function(**a), *TERMS, argument)
                assert message.strip(), (name, argument, junk)
