"""Command line: ``python -m picturenn COMMAND ...``.

Each command is one small function; bad arguments end with exit status 2 and
a single line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import numpy as np

from picturenn import algebra, code
from picturenn.datasets import streetlight
from picturenn.network import Network
from picturenn.styles import STYLES

DRAW_STYLES = STYLES  # the one list of style names (picturenn.styles)


class UsageError(Exception):
    """Bad arguments: reported in one line, exit status 2.

    >>> import contextlib, io
    >>> with contextlib.redirect_stderr(io.StringIO()) as err:
    ...     main(["train", "--alpha", "fast"])
    2
    >>> print(err.getvalue(), end="")
    picturenn train: argument --alpha: invalid float value: 'fast'
    """


class _Parser(argparse.ArgumentParser):
    # argparse prints the whole usage block before its error; we want one line.
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def _train(args: argparse.Namespace) -> None:
    """Train the streetlight network like chapter 6 and print the error."""
    net = Network.random([3, args.hidden_size, 1], seed=args.seed)
    errors = net.train(*streetlight(), alpha=args.alpha, iterations=args.iterations)
    for i, error in enumerate(errors):
        if i % args.every == args.every - 1:
            # '%.12g' is how the book's Python 2 printed floats
            print(f"Error:{error:.12g}")


def _algebra(args: argparse.Namespace) -> None:
    """Print the network as letters (the weights never change them)."""
    net = Network.random(args.widths)
    form = "steps" if args.steps else "chained"
    print(algebra.render(net, form, latex=args.latex, shapes=args.shapes))


def _code(args: argparse.Namespace) -> None:
    """Print the network as Python: one-liner, steps, or a whole runnable script."""
    net = Network.random(args.widths, seed=args.seed)
    if args.standalone:
        seed = args.seed if args.seeded else None
        sys.stdout.write(code.render(net, "standalone", x=args.input, seed=seed))
        return
    for flag, value in (("--input", args.input), ("--seeded", args.seeded or None)):
        if value is not None:
            raise UsageError(f"picturenn code: {flag} is only used with --standalone")
    print(code.render(net, "steps" if args.steps else "oneliner"))


def _draw(args: argparse.Namespace) -> None:
    """Draw the network in one style and write the SVG to a file or stdout."""
    net = Network.random(args.widths, seed=args.seed)
    takes_input = args.style in ("predict", "backprop")
    if args.input is not None and not takes_input:
        raise UsageError("picturenn draw: --input is only used by --style predict or backprop")
    if args.goal is not None and args.style != "backprop":
        raise UsageError("picturenn draw: --goal is only used by --style backprop")
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
    svg = draw.to_svg(figure)
    if args.output is None:
        sys.stdout.write(svg.decode("utf-8"))
        return
    try:
        with open(args.output, "wb") as file:
            file.write(svg)
    except OSError as error:
        raise UsageError(f"picturenn draw: cannot write {args.output}: {error.strerror}") from None


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


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command registered.

    >>> build_parser().parse_args(["train", "--seed", "1"]).alpha
    0.2
    """
    parser = _Parser(prog="picturenn", description="Picture, write and run small networks.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    train = commands.add_parser("train", help="train the streetlight network like chapter 6")
    _add_seed(train)
    train.add_argument("--alpha", type=float, default=0.2, help="learning rate (default 0.2)")
    train.add_argument(
        "--hidden-size", type=_positive, default=4, help="hidden layer width (default 4)"
    )
    train.add_argument(
        "--iterations", type=_positive, default=60, help="passes over the data (default 60)"
    )
    train.add_argument(
        "--every", type=_positive, default=10, help="print every Nth error (default 10)"
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

    draw = commands.add_parser("draw", help="draw a network as SVG")
    _add_widths(draw)
    draw.add_argument("--style", choices=DRAW_STYLES, default="blocks", help="default blocks")
    draw.add_argument("-o", "--output", metavar="FILE", help="SVG file (default: stdout)")
    _add_seed(draw)
    _add_input(draw)
    draw.add_argument(
        "--goal", nargs="+", type=float, metavar="Y", help="backprop target (default all ones)"
    )
    draw.set_defaults(run=_draw)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status.

    >>> main(["train", "--iterations", "20"])
    Error:0.634231159844
    Error:0.358384076763
    0
    >>> main(["algebra", "3", "4", "4", "1"])
    l_3 = relu(relu(l_0 W_0) W_1) W_2
    0
    """
    try:
        args = build_parser().parse_args(argv)
        args.run(args)
    except UsageError as error:
        print(error, file=sys.stderr)
        return 2
    except (ValueError, TypeError) as error:
        print(f"picturenn: {error}", file=sys.stderr)
        return 2
    return 0
