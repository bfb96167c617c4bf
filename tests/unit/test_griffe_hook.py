"""The API reference's griffe hook: doctest runs become pycon fences the reader can copy."""

import importlib.util
from pathlib import Path

HOOK = Path(__file__).resolve().parents[2] / "docs" / "hooks" / "griffe_doctests.py"


def _fence_doctests():
    spec = importlib.util.spec_from_file_location("griffe_doctests", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.fence_doctests


def test_each_run_is_fenced_and_directives_are_left_out():
    docstring = (
        "Say it.\n"
        "\n"
        ">>> from picturenn import Network\n"
        ">>> Network.random([3, 1]).widths  # doctest: +NORMALIZE_WHITESPACE\n"
        "[3, 1]\n"
        "\n"
        "A value with # doctest: in prose stays.\n"
    )
    assert _fence_doctests()(docstring).splitlines() == [
        "Say it.",
        "",
        "```pycon",
        ">>> from picturenn import Network",
        ">>> Network.random([3, 1]).widths",
        "[3, 1]",
        "```",
        "",
        "A value with # doctest: in prose stays.",
    ]
