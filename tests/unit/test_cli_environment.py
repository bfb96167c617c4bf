"""The command line in the world around it: Ctrl-C, closed pipes, full disks, fair arguments.

Each runs the real ``python -W error -m picturenn`` in a fresh process: under
-W error any warning numpy or matplotlib let escape would be a traceback.
"""

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from picturenn import Network, cli
from picturenn.datasets import streetlight

# matplotlib 3.10.0 (the declared floor) calls pyparsing by names pyparsing 3.3 deprecates;
# those warnings, and only those, are matplotlib's to fix (`make test-floors` filters the same)
MATPLOTLIB_PYPARSING = [
    "-W",
    "ignore::DeprecationWarning:matplotlib._fontconfig_pattern",
    "-W",
    "ignore::DeprecationWarning:matplotlib._mathtext",
]
PYTHON = [sys.executable, "-W", "error", *MATPLOTLIB_PYPARSING, "-m", "picturenn"]


def run(*argv: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run([*PYTHON, *argv], capture_output=True, check=False, **options)


def one_line(done: subprocess.CompletedProcess) -> str:
    err = done.stderr.decode()
    assert "Traceback" not in err, err
    assert err.count("\n") == 1, err
    return err


def as_a_terminal_starts_it() -> None:
    """Ctrl-C as a shell's foreground job gets it: SIGINT neither ignored nor blocked.

    A child inherits an ignored or blocked SIGINT from whatever started it, and
    Python then never raises KeyboardInterrupt, by design (nohup relies on it).
    The test runner's processes need not be started as a terminal starts a command:
    once in a full run the interrupted training ran to its end and exited 0.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def test_ctrl_c_during_train_ends_with_one_line_and_status_130():
    process = subprocess.Popen(
        [*PYTHON, "train", "--iterations", str(cli.ITERATION_LIMIT), "--every", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=as_a_terminal_starts_it,
    )
    assert process.stdout.readline().startswith(b"Error:")  # training is under way
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == cli.INTERRUPTED == 130, err.decode()[-500:]
    assert err.decode() == "picturenn train: interrupted\n"


def test_a_reader_that_stops_early_ends_the_run_quietly():
    # `picturenn train ... | head -1`: the pipe closes after the first line
    process = subprocess.Popen(
        [*PYTHON, "train", "--iterations", "20000", "--every", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = process.stdout.readline()
    process.stdout.close()
    err = process.stderr.read()
    process.stderr.close()
    process.wait(timeout=60)
    error = Network.random([3, 4, 1], seed=1).train(*streetlight(), iterations=1)[0]
    assert first == f"Error:{error:.12g}\n".encode()
    assert err == b""  # nobody is left to read a complaint: no traceback, no line
    assert process.returncode == cli.PIPE_CLOSED == 141


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("argv", [["draw", "3", "4", "1"], ["train"], ["algebra", "3", "4", "1"]])
def test_a_full_disk_is_one_line_and_status_1(argv):
    with open("/dev/full", "wb") as full:
        done = subprocess.run([*PYTHON, *argv], stdout=full, stderr=subprocess.PIPE, check=False)
    assert done.returncode == 1
    assert (
        one_line(done) == f"picturenn {argv[0]}: cannot write the output: No space left on device\n"
    )


def test_a_negative_value_in_exponent_form_is_a_value():
    done = run("code", "3", "1", "--standalone", "--input", "1", "-1e-3", "1")
    assert done.returncode == 0, done.stderr
    assert b"np.array([1.0, -0.001, 1.0])" in done.stdout


def test_dash_writes_to_stdout(tmp_path):
    done = run("draw", "1", "1", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.startswith(b"<?xml")
    assert list(tmp_path.iterdir()) == []  # no file named "-"


def test_a_pdf_is_a_pdf_and_an_unknown_suffix_is_refused(tmp_path):
    assert run("draw", "3", "4", "1", "-o", str(tmp_path / "net.pdf")).returncode == 0
    assert (tmp_path / "net.pdf").read_bytes().startswith(b"%PDF-")
    done = run("draw", "3", "4", "1", "-o", str(tmp_path / "net.jpg"))
    assert done.returncode == 2
    assert "end -o FILE in .svg, .png or .pdf" in one_line(done)
    assert not (tmp_path / "net.jpg").exists()


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["train", "--iterations", str(cli.ITERATION_LIMIT + 1)], "from 1 to 100000"),
        (["train", "--alpha", "-0.5"], "picturenn train: alpha must be 0 or more"),
        (
            [
                "draw",
                "3",
                "4",
                "1",
                "--style",
                "predict",
                "--input",
                "1.7e308",
                "1.7e308",
                "1.7e308",
            ],
            "the values overflowed: l_1",
        ),
        (["draw", "1", "1", "--style", "backprop", "--goal", "1", "2"], "the output layer l_1"),
    ],
)
def test_fair_looking_arguments_get_one_line_in_the_chapters_terms(argv, says):
    done = run(*argv)
    assert done.returncode == 2
    assert says in one_line(done)


def test_huge_but_representable_inputs_draw_without_a_warning():
    done = run("draw", "3", "4", "1", "--style", "predict", "--input", "1e308", "1", "1")
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""


def test_the_cli_and_the_library_agree_on_formats_and_resolution():
    from picturenn.draw import files

    assert cli.FORMATS == files.FORMATS
    assert cli.DEFAULT_DPI == files.DEFAULT_DPI


def test_main_refuses_an_argv_that_is_not_a_list_of_strings():
    with pytest.raises(TypeError, match=r"^argv must be a list of strings"):
        cli.main("train")
    with pytest.raises(TypeError, match=r"^argv must be a list of strings"):
        cli.main(["draw", 3, 4, 1])
