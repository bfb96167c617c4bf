"""Command line: ``python -m picturenn COMMAND ...``.

Each command is one small function; bad arguments end with exit status 2 and
a single line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from picturenn.datasets import streetlight
from picturenn.network import Network


class UsageError(Exception):
    """Bad arguments: reported in one line, exit status 2."""


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
    train.add_argument("--seed", type=int, default=1, help="random seed (default 1, the book's)")
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status.

    >>> main(["train", "--iterations", "20"])
    Error:0.634231159844
    Error:0.358384076763
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
