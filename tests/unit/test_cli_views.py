"""The algebra, code and draw commands: what they print, and exit 2 with one line when misused."""

import re
import subprocess
import sys
import types

import numpy as np
import pytest

import picturenn
from picturenn import Network, algebra, code
from picturenn.cli import main


def test_algebra_command(capsys):
    assert main(["algebra", "3", "4", "1"]) == 0
    assert capsys.readouterr().out == "l_2 = relu(l_0 W_0) W_1\n"


@pytest.mark.parametrize(
    ("flags", "form", "options"),
    [
        (["--steps"], "steps", {}),
        (["--latex"], "chained", {"latex": True}),
        (["--steps", "--latex", "--shapes"], "steps", {"latex": True, "shapes": True}),
        (["--shapes"], "chained", {"shapes": True}),
    ],
)
def test_algebra_flags(flags, form, options, capsys):
    assert main(["algebra", "3", "4", "4", "1", *flags]) == 0
    assert (
        capsys.readouterr().out
        == algebra.render(Network.random([3, 4, 4, 1]), form, **options) + "\n"
    )


def test_code_command(capsys):
    assert main(["code", "3", "4", "1"]) == 0
    assert capsys.readouterr().out == "layer_2 = relu(layer_0.dot(weights_0_1)).dot(weights_1_2)\n"
    assert main(["code", "3", "4", "1", "--steps"]) == 0
    assert capsys.readouterr().out == code.render(Network.random([3, 4, 1]), "steps") + "\n"


def test_code_standalone_uses_seed_and_input(capsys):
    argv = ["code", "3", "4", "1", "--standalone", "--seed", "7", "--input", "-1", "0.5", "2"]
    assert main(argv) == 0
    assert capsys.readouterr().out == code.render(
        Network.random([3, 4, 1], seed=7), "standalone", x=[-1, 0.5, 2]
    )


def test_code_standalone_seeded_draws_instead_of_writing(capsys):
    assert main(["code", "784", "100", "10", "--standalone", "--seeded", "--seed", "3"]) == 0
    assert capsys.readouterr().out == code.render(
        Network.random([784, 100, 10], seed=3), "standalone", seed=3
    )


def _python(*args):
    """Run this Python as a learner would from a shell."""
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, check=False)


def test_standalone_from_the_command_line_runs_and_prints_forward():
    made = _python("-m", "picturenn", "code", "3", "4", "1", "--standalone")
    assert made.returncode == 0
    ran = _python("-c", made.stdout)
    assert ran.stdout == f"{Network.random([3, 4, 1], seed=1).forward([1, 0, 1])}\n"


class FakeDraw(types.ModuleType):
    """Stands in for picturenn.draw: records each call, returns a tiny SVG naming it."""

    def __init__(self):
        super().__init__("picturenn.draw")
        self.calls = []
        self.STYLES = {
            name: self._style(name)
            for name in ("blocks", "detailed", "shapes", "predict", "backprop")
        }

    def _style(self, name):
        def draw(net, *args):
            self.calls.append((name, net.widths, [np.asarray(a).tolist() for a in args]))
            return name

        return draw

    def to_svg(self, figure):
        return f"<svg>{figure}</svg>".encode()


@pytest.fixture
def fake_draw(monkeypatch):
    fake = FakeDraw()
    monkeypatch.setitem(sys.modules, "picturenn.draw", fake)
    monkeypatch.setattr(picturenn, "draw", fake, raising=False)
    return fake


def test_draw_writes_the_file(fake_draw, tmp_path, capsys):
    out = tmp_path / "net.svg"
    assert main(["draw", "3", "4", "1", "--style", "shapes", "-o", str(out)]) == 0
    assert out.read_bytes() == b"<svg>shapes</svg>"
    assert capsys.readouterr().out == ""
    assert fake_draw.calls == [("shapes", [3, 4, 1], [])]


def test_draw_defaults_to_blocks_on_stdout(fake_draw, capsys):
    assert main(["draw", "2", "1"]) == 0
    assert capsys.readouterr().out == "<svg>blocks</svg>"


@pytest.mark.parametrize(
    ("widths", "extra", "expected"),
    [
        (["3", "4", "1"], [], [[1.0, 0.0, 1.0]]),
        (["2", "3", "1"], [], [[1.0, 1.0]]),
        (["3", "4", "1"], ["--input", "0", "1", "1"], [[0.0, 1.0, 1.0]]),
    ],
)
def test_draw_predict_input(fake_draw, widths, extra, expected, capsys):
    assert main(["draw", *widths, "--style", "predict", *extra]) == 0
    assert fake_draw.calls == [("predict", [int(w) for w in widths], expected)]


def test_draw_backprop_input_and_goal(fake_draw, capsys):
    assert main(["draw", "3", "4", "2", "--style", "backprop"]) == 0
    assert main(["draw", "3", "4", "1", "--style", "backprop", "--input", "0", "0", "1"]) == 0
    assert main(["draw", "3", "4", "1", "--style", "backprop", "--goal", "0"]) == 0
    assert fake_draw.calls == [
        ("backprop", [3, 4, 2], [[1.0, 0.0, 1.0], [1.0, 1.0]]),
        ("backprop", [3, 4, 1], [[0.0, 0.0, 1.0], [1.0]]),
        ("backprop", [3, 4, 1], [[1.0, 0.0, 1.0], [0.0]]),
    ]


def test_draw_seed_picks_the_weights(fake_draw, monkeypatch, capsys):
    seen = []
    fake_draw.STYLES["blocks"] = lambda net: seen.append(net.weights[0].copy()) or "x"
    assert main(["draw", "3", "4", "1", "--seed", "5"]) == 0
    assert np.array_equal(seen[0], Network.random([3, 4, 1], seed=5).weights[0])


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        ([], "picturenn: choose a command: train, algebra, code, draw (picturenn --help says"),
        (["fly"], "invalid choice: 'fly'"),
        (["train", "--alpha", "x"], "invalid float value: 'x'"),
        (["train", "--hidden-size", "0"], "--hidden-size: must be a whole number 1 or more, got"),
        (
            ["train", "--iterations", "0"],
            "--iterations: must be a whole number from 1 to 100000, got '0'",
        ),
        (["train", "--every", "-3"], "--every: must be a whole number 1 or more, got '-3'"),
        (["train", "--bogus"], "unrecognized arguments: --bogus"),
        (["algebra"], "the following arguments are required: WIDTH"),
        (["algebra", "3"], "a network needs at least 2 layers"),
        (["algebra", "3", "0", "1"], "layer 1 must have at least 1 value, got 0"),
        (["algebra", "3", "x", "1"], "invalid int value: 'x'"),
        (["algebra", "3", "4", "--seed", "2"], "unrecognized arguments"),
        (["code", "3", "1.5"], "invalid int value: '1.5'"),
        (["code", "3", "4", "1", "--steps", "--standalone"], "not allowed with argument"),
        (["code", "3", "4", "1", "--input", "1", "0", "1"], "--input is only used with"),
        (["code", "3", "4", "1", "--seeded"], "--seeded is only used with"),
        (
            ["code", "3", "4", "1", "--standalone", "--input", "1", "0"],
            "the input has 2 values per row but layer 0 (l_0) has 3",
        ),
        (["code", "3", "1", "--standalone", "--input", "1", "nan", "1"], "NaN"),
        (["draw", "3", "4", "1", "--style", "fancy"], "invalid choice: 'fancy'"),
        (["draw", "3", "4", "1", "--input", "1", "0", "1"], "--input is only used by"),
        (["draw", "3", "4", "1", "--style", "predict", "--goal", "1"], "--goal is only used by"),
        (
            ["draw", "3", "4", "1", "--style", "predict", "--input", "1", "0"],
            "the input has 2 values per row but layer 0 (l_0) has 3",
        ),
        (
            ["draw", "3", "4", "1", "--style", "backprop", "--goal", "1", "0"],
            "the goal has 2 values but the output layer l_2 has 1",
        ),
        (["draw", "3", "1", "--dpi", "100"], "--dpi is only used with --format png"),
        (["draw", "3", "1", "--dpi", "5"], "--dpi: must be a whole number from 10 to 1200"),
        (["draw", "3", "1", "--format", "png", "-o", "x.svg"], "--format png does not match"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(argv, says, fake_draw, capsys):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1
    assert captured.err.startswith("picturenn")
    assert says in captured.err
    assert not re.search(r"\b_[a-z]", captured.err)  # no private names (_positive, ...)
    assert fake_draw.calls == []  # nothing is drawn from bad arguments


def test_unwritable_output_exits_2_with_one_line(fake_draw, tmp_path, capsys):
    target = tmp_path / "missing" / "net.svg"
    assert main(["draw", "3", "1", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err == f"picturenn draw: cannot write {target}: No such file or directory\n"


def test_bad_widths_from_the_shell_give_no_traceback():
    done = _python("-m", "picturenn", "algebra", "3", "0")
    assert done.returncode == 2
    assert done.stderr == "picturenn algebra: layer 1 must have at least 1 value, got 0\n"


def test_draw_with_the_real_pictures(tmp_path, capsys):
    from picturenn.draw import STYLES, to_svg

    out = tmp_path / "net.svg"
    assert main(["draw", "3", "4", "1", "--style", "blocks", "-o", str(out)]) == 0
    assert out.read_bytes() == to_svg(STYLES["blocks"](Network.random([3, 4, 1], seed=1)))
    assert main(["draw", "3", "4", "1", "--style", "predict", "--input", "0", "1", "1"]) == 0
    expected = to_svg(STYLES["predict"](Network.random([3, 4, 1], seed=1), np.array([0, 1, 1.0])))
    assert capsys.readouterr().out == expected.decode("utf-8")
