"""Command line: ``python -m picturenn COMMAND ...``.

Each command is one small function; bad arguments end with exit status 2 and
a single line on stderr, never a traceback. So does the world around the
command: Ctrl-C ends it with status 130, output that cannot be written (a full
disk) with one line and status 1, and a reader that stops early (``| head``)
quietly, with status 141, as if the pipe had stopped it.
"""

from __future__ import annotations

import argparse
import errno
import itertools
import math
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

import picturenn
from picturenn import algebra, code
from picturenn.datasets import streetlight
from picturenn.network import Network
from picturenn.styles import STYLES

DRAW_STYLES = STYLES  # the one list of style names (picturenn.styles)
COMMANDS = ("train", "algebra", "code", "draw")
# Sizes are checked before anything is allocated: the letters and the one-liner
# need no weights at all, drawing holds them in memory (8 bytes each, a few
# copies while drawing), and writing them out costs about 22 characters each.
DRAW_LIMIT = 10_000_000  # weights drawn for a picture or for training
WRITE_LIMIT = 1_000_000  # weights written out as numbers in a standalone script
ITERATION_LIMIT = 100_000  # about 4 s for the streetlight network; more is never needed here
DEFAULT_DPI = 200  # picturenn.draw.files.DEFAULT_DPI: checked equal by the tests
FORMATS = ("svg", "png", "pdf")  # picturenn.draw.files.FORMATS, importable without matplotlib
# Exit statuses: bad input 2 (as argparse), a failed run or unwritable output 1,
# Ctrl-C 130 and a closed pipe 141 (128 + the signal, as a shell reports them).
INTERRUPTED, PIPE_CLOSED = 130, 141
# argparse takes "-1e-3" for an option (it knows only -1 and -1.5 as numbers);
# any float written with a minus is a value here, since no option looks like one
NEGATIVE_NUMBER = re.compile(r"^-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


class UsageError(Exception):
    """Bad arguments: reported in one line, exit status 2.

    >>> from picturenn.cli import main
    >>> import contextlib, io
    >>> with contextlib.redirect_stderr(io.StringIO()) as err:
    ...     main(["train", "--alpha", "fast"])
    2
    >>> print(err.getvalue(), end="")
    picturenn train: argument --alpha: invalid float value: 'fast'
    """


class Diverged(Exception):
    """Training blew up (the error became nan or inf): reported in one line, exit status 1.

    >>> import contextlib, io
    >>> from picturenn.cli import main
    >>> err = io.StringIO()
    >>> with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
    ...     status = main(["train", "--alpha", "1e300"])
    >>> status, err.getvalue().split(":")[1].strip()
    (1, 'training diverged')
    """


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._negative_number_matcher = NEGATIVE_NUMBER  # see NEGATIVE_NUMBER

    # argparse prints the whole usage block before its error; we want one line.
    def error(self, message: str) -> None:  # type: ignore[override]
        if "required: command" in message:  # bare `picturenn`: say what to type instead
            message = f"choose a command: {', '.join(COMMANDS)} (picturenn --help says more)"
        raise UsageError(f"{self.prog}: {message}")


def _weights_in(widths: Sequence[int]) -> int:
    return sum(a * b for a, b in itertools.pairwise(widths))


def _check_size(command: str, widths: Sequence[int], limit: int, doing: str, hint: str) -> None:
    """Refuse, in one line, a network with more weights than ``limit`` (before drawing any)."""
    count = _weights_in(widths)
    if count > limit:
        name = "-".join(str(w) for w in widths)
        biggest = max(itertools.pairwise(widths), key=lambda pair: pair[0] * pair[1])
        k = list(itertools.pairwise(widths)).index(biggest)
        raise UsageError(
            f"picturenn {command}: a {name} network has {count:,} weights "
            f"(W_{k} alone is {biggest[0]}×{biggest[1]}); {doing} is limited to {limit:,}{hint}"
        )


def _train(args: argparse.Namespace) -> None:
    """Train the streetlight network like chapter 6; print every Nth error and the last."""
    widths = [3, args.hidden_size, 1]
    _check_size("train", widths, DRAW_LIMIT, "training", "")
    net = Network.random(widths, seed=args.seed)
    # train a stretch at a time and print as it goes, so a long run shows its progress (and
    # Ctrl-C lands in training); stretches end on printed lines, and train continues
    # from the weights it left, so the errors are the one long run's, bit for bit
    stretch = args.every * max(1, 100 // args.every)
    lights, walk = streetlight()
    done = 0
    while done < args.iterations:
        left = args.iterations - done
        errors = net.train(lights, walk, alpha=args.alpha, iterations=min(stretch, left))
        for i, error in enumerate(errors, start=done):
            finite = math.isfinite(error)
            if i % args.every == args.every - 1 or i == args.iterations - 1 or not finite:
                # '%.12g' is how the book's Python 2 printed floats
                print(f"Error:{error:.12g}")
            if not finite:
                raise Diverged(
                    f"picturenn train: training diverged: the error became {error} at "
                    f"iteration {i + 1}; alpha {args.alpha:g} is too large, try a smaller --alpha"
                )
        if not errors:
            break  # train always returns one error an iteration; never loop on nothing
        done += len(errors)


def _algebra(args: argparse.Namespace) -> None:
    """Print the network as letters: they depend on the widths alone, so no weight is drawn."""
    form = "steps" if args.steps else "chained"
    print(algebra.render(args.widths, form, latex=args.latex, shapes=args.shapes))


def _code(args: argparse.Namespace) -> None:
    """Print the network as Python; weights are drawn only to write them out as numbers."""
    if not args.standalone:
        for flag, value in (("--input", args.input), ("--seeded", args.seeded or None)):
            if value is not None:
                raise UsageError(f"picturenn code: {flag} is only used with --standalone")
        print(code.render(args.widths, "steps" if args.steps else "oneliner"))
        return
    if args.seeded:  # the script draws its own weights: only the input is held here
        if args.widths[0] > DRAW_LIMIT:
            raise UsageError(
                f"picturenn code: layer 0 (l_0) has {args.widths[0]:,} values; "
                f"an input is limited to {DRAW_LIMIT:,}"
            )
        script = code.render(args.widths, "standalone", x=args.input, seed=args.seed)
    else:
        hint = "; use --seeded to have the script draw them from the seed instead"
        _check_size("code", args.widths, WRITE_LIMIT, "writing them out", hint)
        net = Network.random(args.widths, seed=args.seed)
        script = code.render(net, "standalone", x=args.input)
    sys.stdout.write(script)


def _draw(args: argparse.Namespace) -> None:
    """Draw the network in one style and write SVG or PNG to a file or stdout."""
    takes_input = args.style in ("predict", "backprop")
    if args.input is not None and not takes_input:
        raise UsageError("picturenn draw: --input is only used by --style predict or backprop")
    if args.goal is not None and args.style != "backprop":
        raise UsageError("picturenn draw: --goal is only used by --style backprop")
    form = _draw_format(args)
    to_stdout = args.output in (None, "-")
    _check_size("draw", args.widths, DRAW_LIMIT, "drawing", "")
    net = Network.random(args.widths, seed=args.seed)
    x = code.example_input(net) if args.input is None else np.array(args.input)
    # default goal: 1 per output, what the streetlight data says for 1 0 1 (walk)
    goal = np.ones(net.widths[-1]) if args.goal is None else np.array(args.goal)
    # Fail here, in the core's words, before anything is drawn.
    if args.style == "backprop":
        net.backprop(x, goal)
    elif takes_input:
        net.forward(x)
    # Imported only now: matplotlib is slow to load and only drawing needs it.
    from picturenn import draw

    inputs = {"predict": (x,), "backprop": (x, goal)}.get(args.style, ())
    figure = draw.STYLES[args.style](net, *inputs)
    if form == "svg":
        data = draw.to_svg(figure)
    elif form == "png":
        data = _png(figure, args.dpi)
    else:
        data = draw.to_pdf(figure)
    if to_stdout:
        if form == "svg":
            sys.stdout.write(data.decode("utf-8"))
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        return
    try:
        with open(args.output, "wb") as file:
            file.write(data)
    except OSError as error:
        raise UsageError(f"picturenn draw: cannot write {args.output}: {error.strerror}") from None


def _draw_format(args: argparse.Namespace) -> str:
    """SVG, PNG or PDF: --format, else the output file's suffix, else SVG.

    A file whose suffix names another format, or none we write, is refused: its
    contents would not be what its name says.
    """
    to_stdout = args.output in (None, "-")
    suffix = "" if to_stdout else Path(args.output).suffix.lower().lstrip(".")
    if suffix and suffix not in FORMATS and args.format is None:
        raise UsageError(
            f"picturenn draw: cannot write a .{suffix} file: end -o FILE in .svg, .png or .pdf"
        )
    form = args.format or (suffix if suffix in FORMATS else "svg")
    if suffix and suffix != form:
        raise UsageError(f"picturenn draw: --format {form} does not match the file {args.output}")
    if args.dpi is not None and form != "png":
        raise UsageError("picturenn draw: --dpi is only used with --format png")
    if form != "svg" and to_stdout and sys.stdout.isatty():
        raise UsageError(
            f"picturenn draw: a {form.upper()} is not text; write it to a file with -o FILE.{form}"
        )
    return form


def _png(figure: object, dpi: int | None) -> bytes:
    """The figure as PNG at ``dpi`` pixels per inch, its size refused in terms of --dpi."""
    from picturenn.draw import files

    dpi = DEFAULT_DPI if dpi is None else dpi
    width, height = figure.get_size_inches()  # type: ignore[attr-defined]
    pixels = round(width * dpi) * round(height * dpi)
    if pixels > files.PIXEL_LIMIT:
        raise UsageError(
            f"picturenn draw: at --dpi {dpi} this {width:.1f}×{height:.1f} inch picture is "
            f"{pixels:,} pixels; the limit is {files.PIXEL_LIMIT:,}: choose a smaller --dpi"
        )
    return files.to_png(figure, dpi)  # type: ignore[arg-type]


def _add_widths(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "widths", nargs="+", type=int, metavar="WIDTH", help="layer widths, input first: 3 4 1"
    )


def _add_seed(command: argparse.ArgumentParser) -> None:
    command.add_argument("--seed", type=int, default=1, help="random seed (default 1, the book's)")


def _add_input(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--input",
        nargs="+",
        type=float,
        metavar="X",
        help="input values for l_0 (default 1 0 1 for 3 inputs, else all ones)",
    )


def _whole(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argument type: a whole number from ``low`` (to ``high``), named in its error."""

    def whole(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < low or (high is not None and value > high):
            span = f"from {low} to {high}" if high is not None else f"{low} or more"
            raise argparse.ArgumentTypeError(f"must be a whole number {span}, got {text!r}")
        return value

    return whole


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command registered.

    >>> from picturenn.cli import build_parser
    >>> build_parser().parse_args(["train", "--seed", "1"]).alpha
    0.2
    """
    parser = _Parser(prog="picturenn", description="Picture, write and run small networks.")
    parser.add_argument("--version", action="version", version=f"picturenn {picturenn.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    train = commands.add_parser("train", help="train the streetlight network like chapter 6")
    _add_seed(train)
    train.add_argument(
        "--alpha", type=float, default=0.2, help="learning rate, 0 or more (default 0.2)"
    )
    train.add_argument(
        "--hidden-size", type=_whole(1), default=4, help="hidden layer width (default 4)"
    )
    train.add_argument(
        "--iterations",
        type=_whole(1, ITERATION_LIMIT),
        default=60,
        help=f"passes over the data (default 60, at most {ITERATION_LIMIT:,})",
    )
    train.add_argument(
        "--every",
        type=_whole(1),
        default=10,
        help="print every Nth error, and always the last (default 10)",
    )
    train.set_defaults(run=_train)

    letters = commands.add_parser("algebra", help="write a network as algebra (l_k, W_k)")
    _add_widths(letters)
    letters.add_argument("--latex", action="store_true", help="LaTeX for KaTeX")
    letters.add_argument("--steps", action="store_true", help="one equation per layer")
    letters.add_argument("--shapes", action="store_true", help="the shape of every term")
    letters.set_defaults(run=_algebra)

    python = commands.add_parser("code", help="write a network as Python")
    _add_widths(python)
    form = python.add_mutually_exclusive_group()
    form.add_argument("--steps", action="store_true", help="one line per layer")
    form.add_argument(
        "--standalone", action="store_true", help="a whole script that prints the prediction"
    )
    python.add_argument(
        "--seeded",
        action="store_true",
        help="with --standalone: draw the weights from --seed instead of writing them out",
    )
    _add_seed(python)
    _add_input(python)
    python.set_defaults(run=_code)

    draw = commands.add_parser("draw", help="draw a network as SVG or PNG")
    _add_widths(draw)
    draw.add_argument("--style", choices=DRAW_STYLES, default="blocks", help="default blocks")
    draw.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="an .svg, .png or .pdf file; - or none: stdout",
    )
    draw.add_argument(
        "--format",
        choices=FORMATS,
        help="svg (default), png or pdf; a FILE's suffix implies its format",
    )
    draw.add_argument(
        "--dpi",
        type=_whole(10, 1200),
        metavar="N",
        help=f"PNG resolution in pixels per inch (default {DEFAULT_DPI})",
    )
    _add_seed(draw)
    _add_input(draw)
    draw.add_argument(
        "--goal", nargs="+", type=float, metavar="Y", help="backprop target (default all ones)"
    )
    draw.set_defaults(run=_draw)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status.

    >>> from picturenn.cli import main
    >>> main(["train", "--iterations", "20"])
    Error:0.634231159844
    Error:0.358384076763
    0
    >>> main(["algebra", "3", "4", "4", "1"])
    l_3 = relu(relu(l_0 W_0) W_1) W_2
    0
    """
    if argv is not None and (
        isinstance(argv, (str, bytes))
        or not isinstance(argv, Sequence)
        or not all(isinstance(a, str) for a in argv)
    ):
        raise TypeError("argv must be a list of strings, e.g. ['train', '--alpha', '0.1']")
    command = "picturenn"
    try:
        args = build_parser().parse_args(argv)
        command = f"picturenn {args.command}"
        args.run(args)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
    except UsageError as error:
        return _fail(str(error), 2)
    except Diverged as error:
        return _fail(str(error), 1)
    except (ValueError, TypeError) as error:
        return _fail(f"{command}: {error}", 2)
    except MemoryError:  # the size checks should come first; this is the last line of defence
        return _fail(f"{command}: not enough memory for a network this big: try smaller widths", 2)
    except KeyboardInterrupt:
        return _fail(f"{command}: interrupted", INTERRUPTED)
    except BrokenPipeError:
        _silence_stdout()  # the reader left (| head): nothing more to say, and no one to say it to
        return PIPE_CLOSED
    except OSError as error:  # most often writing the output failed: a full disk, say
        reason = error.strerror or os.strerror(error.errno or errno.EIO)
        if error.errno not in _WRITE_ERRORS:
            return _fail(f"{command}: {reason}", 1)
        _silence_stdout()
        return _fail(f"{command}: cannot write the output: {reason}", 1)
    return 0


_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF, errno.EPIPE}


def _fail(message: str, status: int) -> int:
    print(message, file=sys.stderr)
    return status


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so Python's own flush at exit finds nothing to fail on."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # a StringIO (tests): nothing to silence
        pass
