"""The command line's contracts: the book's printout, sizes refused before any memory is
spent, divergence named, PNG as well as SVG, and one line (never a traceback) otherwise."""

import resource
import subprocess
import sys

import pytest

import picturenn
from picturenn.cli import DRAW_LIMIT, WRITE_LIMIT, main
from tests.unit.test_network import BOOK_PRINTED

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _shell(*argv, memory=None):
    """Run ``python -m picturenn`` as a learner would, optionally with capped memory."""

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        [sys.executable, "-m", "picturenn", *argv],
        capture_output=True,
        check=False,
        preexec_fn=cap if memory else None,
        env={"OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"},
    )


def test_train_prints_the_books_errors(capsys):
    assert main(["train", "--seed", "1"]) == 0
    assert capsys.readouterr().out.splitlines() == BOOK_PRINTED


@pytest.mark.parametrize(
    ("argv", "printed"),
    [
        (["--iterations", "4", "--every", "2"], [2, 4]),
        (["--iterations", "60", "--every", "100"], [60]),  # --every beyond the run: the last
        (["--iterations", "25", "--every", "10"], [10, 20, 25]),
    ],
)
def test_train_prints_every_nth_error_and_the_last(argv, printed, capsys):
    from picturenn import Network
    from picturenn.datasets import streetlight

    assert main(["train", "--hidden-size", "3", *argv]) == 0
    iterations = int(argv[1])
    errors = Network.random([3, 3, 1], seed=1).train(*streetlight(), iterations=iterations)
    expected = [f"Error:{errors[i - 1]:.12g}" for i in printed]
    assert capsys.readouterr().out.splitlines() == expected


def test_divergence_is_named_and_fails(capsys):
    assert main(["train", "--alpha", "1e300"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1] in ("Error:nan", "Error:inf")
    assert captured.err == (
        "picturenn train: training diverged: the error became nan at iteration 1; "
        "alpha 1e+300 is too large, try a smaller --alpha\n"
    )


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"picturenn {picturenn.__version__}\n"


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["algebra", "100000000", "100000000"], None),  # letters need no weights at all
        (["code", "100000000", "100000000", "--steps"], None),
        (["code", "30000", "30000", "--standalone", "--seeded"], None),  # the script draws them
        (
            ["code", "30000", "30000", "--standalone"],
            f"writing them out is limited to {WRITE_LIMIT:,}",
        ),
        (["draw", "100000000", "100000000"], f"drawing is limited to {DRAW_LIMIT:,}"),
        (["draw", "3", "100000000", "1", "--style", "predict"], "W_0 alone is 3×100000000"),
        (["train", "--hidden-size", "100000000"], f"training is limited to {DRAW_LIMIT:,}"),
        (["code", "100000000", "1", "--standalone", "--seeded"], "an input is limited to"),
        (
            ["draw", "784", "100", "10", "--format", "png", "--dpi", "1200"],
            "choose a smaller --dpi",
        ),
    ],
)
def test_sizes_are_checked_before_memory_is_spent(argv, says):
    # 1 GiB of address space: a command that tried to hold the weights would be stopped by
    # the operating system, not by its own check, and would say something else
    done = _shell(*argv, memory=2**30)
    if says is None:
        assert done.returncode == 0, done.stderr
        return
    assert done.returncode == 2
    assert done.stdout == b""
    err = done.stderr.decode()
    assert err.startswith(f"picturenn {argv[0]}: "), err
    assert err.count("\n") == 1, err
    assert says in err


def test_the_module_runs_like_the_command():
    done = _shell("train")
    assert done.stdout.decode().splitlines() == BOOK_PRINTED
    done = _shell("train", "--seed", "x")
    assert (done.returncode, done.stderr.count(b"\n")) == (2, 1)


def test_draw_writes_png_at_the_asked_resolution(tmp_path, capsysbinary):
    sizes = []
    for dpi in ("100", "200"):
        out = tmp_path / f"net-{dpi}.png"
        assert main(["draw", "3", "4", "1", "-o", str(out), "--dpi", dpi]) == 0
        data = out.read_bytes()
        assert data.startswith(PNG_MAGIC)
        sizes.append(int.from_bytes(data[16:20], "big"))  # IHDR width in pixels
    assert sizes[1] == pytest.approx(2 * sizes[0], abs=1)
    assert main(["draw", "3", "4", "1", "--format", "png"]) == 0  # stdout is not a terminal here
    assert capsysbinary.readouterr().out.startswith(PNG_MAGIC)
