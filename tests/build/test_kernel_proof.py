"""The page's kernel (docs/javascripts/kernel.js) against picturenn, under Node.

The proof itself passes on the real kernel, and fails, naming the case, on a
copy with one deliberate mistake; the seeding is bit-identical; the kernel's
own guards throw instead of computing garbage.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest

from picturenn import Network
from picturenn_docs.engines.kernel_proof import (
    TOLERANCE,
    KernelDisagrees,
    NodeMissing,
    ProofReport,
    prove,
)
from tests.book import BOOK_PRINTED

KERNEL = Path(__file__).resolve().parents[2] / "docs" / "javascripts" / "kernel.js"
CASE = r"case \d+ \(seed \d+, widths \d+( \d+)+\): "

pytestmark = pytest.mark.node


@pytest.fixture(scope="module")
def report() -> ProofReport:
    return prove(KERNEL)


def test_the_kernel_equals_picturenn(report: ProofReport) -> None:
    assert report.cases == 1000
    assert report.book_lines == BOOK_PRINTED
    assert {"forward", "layers", "sums", "deltas", "gradients", "error"} <= set(report.largest)
    assert {"step weights", "train errors", "trained weights", "book errors"} <= set(report.largest)
    assert max(report.largest.values()) <= TOLERANCE
    # the diverging run did diverge, and the kernel stopped at its first non-finite error
    assert 0 < report.diverged_after < 60


# one mistake each, in the kernel's source: (what it replaces, with what, what must be named)
MISTAKES = {
    "the update adds the gradient": (
        "w.data[i * c + j] -= alpha",
        "w.data[i * c + j] += alpha",
        r"W_\d after step\[\d+, \d+\]",
    ),
    "the gate passes zeros (>=)": (
        "return d * (l[i] > 0 ? 1 : 0);",
        "return d * (l[i] >= 0 ? 1 : 0);",
        r"deltas\[\d\]\[\d+\]",
    ),
    "the seed is off by one": ("key[0] = seed;", "key[0] = seed + 1;", r"seeded W_0\[0, 0\]"),
    "the delta is goal - prediction": (
        "return p - goal[j];",
        "return goal[j] - p;",
        r"deltas\[\d\]\[\d+\]",
    ),
    # no random case diverges: the diverging run is the one that must name this
    "training goes on past inf": (
        "if (!more || !isFinite(error)) break;",
        "if (!more) break;",
        r"errors is \(60,\) in the kernel, \(29,\) in picturenn",
    ),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_a_kernel_with_one_mistake_fails_naming_the_case(tmp_path: Path, mistake: str) -> None:
    old, new, named = MISTAKES[mistake]
    source = KERNEL.read_text(encoding="utf-8")
    assert source.count(old) == 1, f"the mistake {mistake!r} no longer matches the kernel"
    broken = tmp_path / "kernel.js"
    broken.write_text(source.replace(old, new), encoding="utf-8")
    # a broken kernel fails in its first cases: 200 keep this quick
    with pytest.raises(KernelDisagrees) as failed:
        prove(broken, cases=200)
    message = str(failed.value)
    assert "\n" not in message
    if "past inf" in mistake:
        assert message.startswith("the diverging run (widths 3 1, alpha 20): "), message
        assert re.search(named, message), message
    else:
        assert re.match(CASE + named + " kernel .* vs picturenn ", message), message


def _node(script: str) -> object:
    done = subprocess.run(
        ["node", "-e", script, str(KERNEL)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    ("widths", "seed"),
    [([3, 4, 1], 1), ([8, 8, 8, 8, 8, 8], 2**32 - 1)],  # the second draws past one MT state
)
def test_the_seeded_weights_are_picturenns_bit_for_bit(widths: list[int], seed: int) -> None:
    # loaded by require: the kernel also works as a Node module
    drawn = _node(
        "const K = require(process.argv[1]);"
        f"console.log(JSON.stringify(K.random({widths}, {seed}).map((w) => Array.from(w.data))))"
    )
    expected = Network.random(widths, seed=seed).weights
    assert len(drawn) == len(expected)
    for data, w in zip(drawn, expected, strict=True):
        assert np.array(data).view(np.uint64).tolist() == w.ravel().view(np.uint64).tolist()


def test_wrong_lengths_throw_a_clear_error() -> None:
    messages = _node(
        """
        const K = require(process.argv[1]);
        const W = K.random([3, 4, 1], 1);
        const v = (...xs) => Float64Array.from(xs);
        const calls = [
          () => K.forward(W, v(1, 0)),
          () => K.backprop(W, v(1, 0, 1), v(1, 0)),
          () => K.step(W, v(1, 0, 1), v(1), NaN),
          () => K.train(W, [v(1, 0, 1)], [], 0.1, 3),
          () => K.trace([W[1], W[0]], v(1, 0, 1)),
          () => K.random([3, 0, 1], 1),
          () => K.random([3, 4, 1], -1),
        ];
        console.log(JSON.stringify(calls.map((call) => {
          try { call(); return 'no error'; } catch (e) { return e.message; }
        })));
        """
    )
    assert messages == [
        "PicturennKernel: the input (layer 0) must have 3 values, got 2",
        "PicturennKernel: the goal (layer 2) must have 1 value, got 2",
        "PicturennKernel: alpha must be a finite number, got NaN",
        "PicturennKernel: there must be one goal for each input row, got 0 goals for 1 row",
        "PicturennKernel: W_1 has 3 rows but layer 1 has 1 value",
        "PicturennKernel: layer 1 needs a whole width ≥ 1, got 0",
        "PicturennKernel: seed must be a whole number from 0 to 2**32 - 1, got -1",
    ]


def test_on_iteration_returning_false_stops_training_there() -> None:
    stopped, three = _node(
        """
        const K = require(process.argv[1]);
        const rows = [[1, 0, 1], [0, 1, 1]].map((r) => Float64Array.from(r));
        const goals = [[1], [1]].map((g) => Float64Array.from(g));
        const run = (iterations, onIteration) => {
          const W = K.random([3, 4, 1], 1);
          const errors = K.train(W, rows, goals, 0.2, iterations, onIteration);
          return [errors, Array.from(W[0].data)];
        };
        console.log(JSON.stringify([run(60, (i) => i < 2), run(3)]));
        """
    )
    assert stopped == three
    assert len(stopped[0]) == 3


def test_without_node_the_proof_says_so() -> None:
    with pytest.raises(NodeMissing, match=r"^Node\.js not found \('no-such-node'\)"):
        prove(KERNEL, cases=1, node="no-such-node")
