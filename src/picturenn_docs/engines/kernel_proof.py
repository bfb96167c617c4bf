"""Prove the page's JavaScript kernel equal to picturenn, under Node.

The browser computes a network only through ``docs/javascripts/kernel.js``, and
every docs build calls [prove][] on it: random networks, the book's run and a
run that diverges go through the kernel (all in one Node process, by
``kernel_driver.js``) and through ``picturenn``, and the first number that
differs stops the build, naming its case.

Seeded weights must be bit-identical. Every other value must agree within
``TOLERANCE`` relative, defined as ``|kernel - picturenn| <= 1e-12 * max(|picturenn|, scale)``.
The scale is there because numpy's BLAS may fuse multiply-adds, so a last bit
can differ. That difference is bounded by the magnitudes of the terms a value
sums, not by the value, which can cancel to nearly 0:

- a layer or weighted sum: the same forward pass on magnitudes, ``|x|·|W_0|·…·|W_k|``;
- a delta: the backward pass on magnitudes, from ``|prediction| + |goal|`` down;
- a gradient: ``|l_k|ᵀ·|delta_(k+1)|`` of those magnitudes; the error: the sum of
  the output delta magnitudes squared;
- a weight after one step: ``|W| + alpha * |gradient|``, the terms of ``W - alpha * g``;
- training, where each difference feeds the next row's weights: a trained
  matrix's largest ``|weight|``, a run's largest error.

The book's run and the diverging one are held to plain ``1e-12 * |picturenn|``
per error, and the book's run to its printed lines too.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    import numpy as np

    from picturenn_docs.core.build import Build

# numpy and picturenn are imported where a proof runs: a warm build only hashes the sources

TOLERANCE = 1e-12
DRIVER = Path(__file__).with_name("kernel_driver.js")
BOOK = {"widths": [3, 4, 1], "seed": 1, "alpha": 0.2, "iterations": 60}
# chapter 4's lesson: with no hidden layer, alpha 20 overshoots further each iteration until
# the error overflows (after 28 finite ones); the kernel must stop at that first inf
DIVERGING = {"widths": [3, 1], "seed": 1, "alpha": 20, "iterations": 60}


class KernelDisagrees(Exception):
    """The kernel gave another number than picturenn (or failed); the message names the case."""


class NodeMissing(RuntimeError):
    """Node.js, which runs the kernel for the proof, is not installed."""


@dataclass(frozen=True)
class ProofReport:
    """What a passing proof checked.

    ``largest`` maps each quantity to the largest relative difference seen (as
    defined in the module docstring); ``book_bit_equal`` says whether the book's
    60 errors equal picturenn's to the last bit; ``diverged_after`` is how many
    errors the diverging run gave before its first non-finite one ended it.
    """

    cases: int
    values: int
    seconds: float
    largest: dict[str, float]
    book_lines: list[str]
    book_bit_equal: bool
    diverged_after: int


def sources(kernel_js: Path) -> list[Path]:
    """The files a proof's result depends on beside the library: hash them (and ``node
    --version``) to cache it. The build's cache salt holds the library's code already.

    >>> from pathlib import Path
    >>> from picturenn_docs.engines.kernel_proof import sources
    >>> [p.name for p in sources(Path("kernel.js"))]
    ['kernel.js', 'kernel_driver.js', 'kernel_proof.py']
    """
    return [Path(kernel_js), DRIVER, Path(__file__)]


def prove(kernel_js: Path, cases: int = 1000, seed: int = 0, node: str = "node") -> ProofReport:
    """Run ``cases`` random networks, the book's run and a diverging run through both.

    Raises [KernelDisagrees][] on the first disagreement and [NodeMissing][]
    when ``node`` cannot be found.
    """
    from picturenn.datasets import streetlight

    start = time.perf_counter()
    exe = _node(node)
    drawn = make_cases(cases, seed)
    lights, walk = streetlight()
    runs = [dict(run, inputs=lights.tolist(), goals=walk.tolist()) for run in (BOOK, DIVERGING)]
    with ThreadPoolExecutor(1) as pool:
        # Node runs the kernel while this process works out picturenn's answers
        answer = pool.submit(run_node, kernel_js, {"cases": drawn, "runs": runs}, exe)
        expected = [_case(case) for case in drawn]
        book = _run(runs[0], strict="book errors")
        diverging = _run(runs[1], strict="diverging errors")
        answer = answer.result()
    compare = _Compare()
    for n, (case, got) in enumerate(zip(drawn, answer["cases"], strict=True)):
        compare.named(_case_name(n, case)).check(expected[n], got)
    book_lines, bit_equal = _check_book(compare.named("the book's run"), book, answer["runs"][0])
    compare.named("the diverging run (widths 3 1, alpha 20)").check(diverging, answer["runs"][1])
    return ProofReport(
        cases=cases,
        values=compare.values,
        seconds=time.perf_counter() - start,
        largest=dict(compare.largest),
        book_lines=book_lines,
        book_bit_equal=bit_equal,
        diverged_after=len(answer["runs"][1]["errors"]),
    )


def make_cases(count: int, seed: int) -> list[dict]:
    """Random networks with their inputs, goals, alphas and iteration counts, as JSON.

    Depth 1-5 matrices, widths 1-8, as the page allows. alpha ≤ 0.1 and at most
    20 iterations of at most 4 rows keep training finite and falling on networks
    this size (a larger alpha on 8-wide, 5-deep ones soon overflows, and then
    there is nothing left to compare), and keep the whole proof near a second.

    >>> from picturenn_docs.engines.kernel_proof import make_cases
    >>> [case["widths"] for case in make_cases(2, seed=0)]
    [[6, 5, 3, 3, 1, 1], [1, 6]]
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    cases = []
    for n in range(count):
        widths = rng.integers(1, 9, int(rng.integers(2, 7))).tolist()
        rows = int(rng.integers(1, 5))
        # numpy's whole seed range: its two ends first, where the uint32 arithmetic would break
        net_seed = [0, 2**32 - 1][n] if n < 2 else int(rng.integers(0, 2**32))
        cases.append(
            {
                "widths": widths,
                "seed": net_seed,
                "x": _inputs(rng, 1, widths[0])[0],
                "goal": rng.uniform(-1, 1, widths[-1]).tolist(),
                "alpha": float(0.1 * (1 - rng.random())),  # (0, 0.1]
                "iterations": int(rng.integers(1, 21)),
                "inputs": _inputs(rng, rows, widths[0]),
                "goals": rng.uniform(-1, 1, (rows, widths[-1])).tolist(),
            }
        )
    return cases


def _inputs(rng: np.random.Generator, rows: int, width: int) -> list[list[float]]:
    # half are lamps (0 or 1) like the book's, whose zeros the relu gate must stop exactly
    if rng.random() < 0.5:
        return rng.integers(0, 2, (rows, width)).astype(float).tolist()
    return rng.uniform(-1, 1, (rows, width)).tolist()


def run_node(kernel_js: Path, payload: dict, node: str = "node") -> dict:
    """Run the driver once over ``payload``; the kernel's answers, parsed."""
    exe = _node(node)
    if not Path(kernel_js).is_file():
        raise FileNotFoundError(f"no kernel at {kernel_js}")
    done = subprocess.run(
        [exe, str(DRIVER), str(kernel_js)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or ["(no message)"]
        # node prints the place, the line and a caret before the error itself
        error = next((line for line in lines if re.match(r"\w*Error\b", line)), lines[-1])
        raise KernelDisagrees(f"the kernel failed under node: {error}")
    return json.loads(done.stdout)


def _node(node: str) -> str:
    exe = shutil.which(node)
    if exe is None:
        raise NodeMissing(
            f"Node.js not found ({node!r}): the kernel proof runs the page's kernel under node;"
            " install it (make node)"
        )
    return exe


def _case_name(n: int, case: dict) -> str:
    return f"case {n} (seed {case['seed']}, widths {' '.join(map(str, case['widths']))})"


@dataclass
class _Expected:
    """picturenn's answers for one case, each with where the kernel's stands in its answer."""

    weights: list[np.ndarray] | None = None  # seeded: compared bit for bit
    widths: list[int] | None = None
    # (quantity, label, path into the kernel's answer, picturenn's value, its scale)
    values: list[tuple[str, str, tuple, object, object]] = field(default_factory=list)

    def add(self, kind: str, label: str, path: tuple, value: object, scale: object) -> None:
        self.values.append((kind, label, path, value, scale))


def _case(case: dict) -> _Expected:
    import numpy as np

    from picturenn import Network

    net = Network.random(case["widths"], seed=case["seed"])
    weights = net.weights
    x, goal, alpha = np.array(case["x"]), np.array(case["goal"]), case["alpha"]
    size = _Sizes(weights, x, goal)
    trace, bp = net.trace(x), net.backprop(x, goal)
    out = _Expected(weights, net.widths)
    out.add("forward", "forward", ("forward",), net.forward(x), size.layers[-1])
    for k, layer in enumerate(trace.layers):
        out.add("layers", f"layers[{k}]", ("trace", "layers", k), layer[0], size.layers[k])
    for k, sums in enumerate(trace.sums):
        out.add("sums", f"sums[{k}]", ("trace", "sums", k), sums[0], size.layers[k + 1])
    for k, delta in enumerate(bp.deltas):
        out.add("deltas", f"deltas[{k}]", ("backprop", "deltas", k), delta[0], size.deltas[k])
    for k, gradient in enumerate(bp.gradients):
        path = ("backprop", "gradients", k)
        out.add("gradients", f"gradients[{k}]", path, gradient, size.gradients[k])
    out.add("error", "error", ("backprop", "error"), bp.error, size.error)
    # step: the error from before the update, then one row of training
    out.add("error", "step's error", ("step", "error"), bp.error, size.error)
    stepped = Network(weights)
    stepped.train(x[np.newaxis], goal[np.newaxis], alpha, 1)
    for k, (w, after) in enumerate(zip(weights, stepped.weights, strict=True)):
        scale = np.abs(w) + alpha * size.gradients[k]
        out.add("step weights", f"W_{k} after step", ("step", "weights", k), after, scale)
    for kind, label, path, value, scale in _run(case, weights).values:
        out.add(kind, label, ("train", *path), value, scale)
    return out


def _run(run: dict, weights: list[np.ndarray] | None = None, strict: str = "") -> _Expected:
    """picturenn's training, cut after its first non-finite error as the kernel's is.

    A ``strict`` run's errors (named by it) are held to their own size; others
    to the run's largest error.
    """
    import numpy as np

    from picturenn import Network

    if weights is None:
        weights = Network.random(run["widths"], seed=run["seed"]).weights
    inputs, goals = np.array(run["inputs"]), np.array(run["goals"])
    net = Network(weights)
    errors = net.train(inputs, goals, run["alpha"], run["iterations"])
    stop = next((i for i, e in enumerate(errors) if not math.isfinite(e)), None)
    if stop is not None:  # train again, to the weights at the cut
        net = Network(weights)
        errors = net.train(inputs, goals, run["alpha"], stop + 1)
    out = _Expected()
    largest = max((abs(e) for e in errors if math.isfinite(e)), default=0.0)
    if strict:
        out.add(strict, "errors", ("errors",), errors, 0.0)
    else:
        out.add("train errors", "training errors", ("errors",), errors, largest)
    for k, w in enumerate(net.weights):
        scale = float(np.max(np.abs(w), initial=0.0, where=np.isfinite(w)))
        out.add("trained weights", f"trained W_{k}", ("weights", k), w, scale)
    return out


def _check_book(compare: _Named, book: _Expected, got: dict) -> tuple[list[str], bool]:
    """The book's run: every error within 1e-12 of its own size, and the same six lines."""
    errors = book.values[0][3]
    compare.check(book, got)
    kernel = _floats(got["errors"]).tolist()
    lines = [f"Error:{e:.12g}" for e in kernel[9::10]]
    expected = [f"Error:{e:.12g}" for e in errors[9::10]]
    if lines != expected:
        line = next(i for i, (a, b) in enumerate(zip(lines, expected, strict=True)) if a != b)
        compare.fail(f"prints {lines[line]} where picturenn prints {expected[line]}")
    return lines, kernel == errors


class _Sizes:
    """Each value's scale: the same passes on magnitudes (see the module docstring)."""

    def __init__(self, weights: list[np.ndarray], x: np.ndarray, goal: np.ndarray) -> None:
        import numpy as np

        size = [np.abs(w) for w in weights]
        self.layers = [np.abs(x)]
        for w in size:
            self.layers.append(self.layers[-1] @ w)
        self.deltas = [self.layers[-1] + np.abs(goal)]
        for w in reversed(size):
            self.deltas.insert(0, self.deltas[0] @ w.T)
        pairs = zip(self.layers, self.deltas[1:], strict=False)
        self.gradients = [np.outer(a, d) for a, d in pairs]
        self.error = float(np.sum(self.deltas[-1] ** 2))


def _floats(value: object) -> np.ndarray:
    """A kernel answer as floats: a matrix {rows, cols, data}, a list, or a number.

    The driver writes NaN and ±Infinity as strings, which JSON cannot hold.
    Anything else raises ValueError.
    """
    import numpy as np

    if isinstance(value, dict):
        data = _floats(value["data"])
        if data.size != value["rows"] * value["cols"]:
            raise ValueError(f"a {value['rows']}×{value['cols']} matrix holds {data.size} values")
        return data.reshape(value["rows"], value["cols"])
    return np.array(value, dtype=float)


class _Compare:
    """Counts the values compared and keeps the largest relative difference per quantity."""

    def __init__(self) -> None:
        self.values = 0
        self.largest: dict[str, float] = {}

    def named(self, name: str) -> _Named:
        return _Named(self, name)


class _Named:
    """Comparisons for one case, whose name starts every failure's message."""

    def __init__(self, compare: _Compare, name: str) -> None:
        self.compare, self.name = compare, name

    def fail(self, what: str) -> NoReturn:
        raise KernelDisagrees(f"{self.name}: {what}")

    def floats(self, answer: object, label: str) -> np.ndarray:
        try:
            return _floats(answer)
        except (ValueError, TypeError, KeyError) as error:
            self.fail(f"{label} is not numbers ({error})")

    def check(self, expected: _Expected, got: dict) -> None:
        import numpy as np

        if "threw" in got:
            self.fail(f"the kernel threw: {got['threw']}")
        if expected.weights is not None:
            self.same_bits(got["weights"], expected.weights)
        if expected.widths is not None and got["widths"] != expected.widths:
            self.fail(f"widths {got['widths']} in the kernel, {expected.widths} in picturenn")
        # all of a case's values in one vectorised comparison: one per value is 10x slower
        kernel, reference, scale, shapes = [], [], [], []
        for _kind, label, path, value, size in expected.values:
            answer = got
            for key in path:
                answer = answer[key]
            ours, theirs = self.floats(answer, label), np.asarray(value, dtype=float)
            if ours.shape != theirs.shape:
                self.fail(f"{label} is {ours.shape} in the kernel, {theirs.shape} in picturenn")
            kernel.append(ours.ravel())
            reference.append(theirs.ravel())
            scale.append(np.broadcast_to(size, theirs.shape).ravel())
            shapes.append(theirs.shape)
        ours, theirs = np.concatenate(kernel), np.concatenate(reference)
        relative = _relative(ours, theirs, np.concatenate(scale))
        self.compare.values += relative.size
        starts = np.cumsum([0] + [a.size for a in kernel[:-1]])
        largest = self.compare.largest
        worst = np.maximum.reduceat(relative, starts).tolist()
        for (kind, *_), value in zip(expected.values, worst, strict=True):
            largest[kind] = max(largest.get(kind, 0.0), value)
        if relative.max() > TOLERANCE:
            first = int(np.argmax(relative > TOLERANCE))
            entry = int(np.searchsorted(starts, first, side="right")) - 1
            at = np.unravel_index(first - int(starts[entry]), shapes[entry])
            where = f"[{', '.join(map(str, at))}]" if at else ""
            self.fail(
                f"{expected.values[entry][1]}{where} kernel {ours[first]:.17g}"
                f" vs picturenn {theirs[first]:.17g}"
                f" (relative difference {relative[first]:.2g} > {TOLERANCE:g})"
            )

    def same_bits(self, got: list, weights: list[np.ndarray]) -> None:
        import numpy as np

        if len(got) != len(weights):
            self.fail(f"the kernel drew {len(got)} matrices, picturenn {len(weights)}")
        for k, (matrix, w) in enumerate(zip(got, weights, strict=True)):
            kernel = self.floats(matrix, f"seeded W_{k}")
            if kernel.shape != w.shape:
                self.fail(f"seeded W_{k} is {kernel.shape} in the kernel, {w.shape} in picturenn")
            bits, expected = kernel.view(np.uint64), np.ascontiguousarray(w).view(np.uint64)
            if (bits != expected).any():
                i, j = np.argwhere(bits != expected)[0]
                self.fail(
                    f"seeded W_{k}[{i}, {j}] kernel {float(kernel[i, j])!r}"
                    f" vs picturenn {float(w[i, j])!r}"
                    f" (bits {int(bits[i, j]):#018x} vs {int(expected[i, j]):#018x})"
                )
            self.compare.values += w.size


def _relative(kernel: np.ndarray, reference: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """|kernel - reference| / max(|reference|, scale), 0 where equal, inf where incomparable."""
    import numpy as np

    with np.errstate(invalid="ignore"):  # inf - inf: the same infinity, or see below
        diff = np.abs(kernel - reference)
    bound = np.maximum(np.abs(reference), scale)
    relative = np.divide(diff, bound, out=np.zeros_like(diff), where=diff > 0)
    # NaN on both sides agrees (a run that diverged alike); on one side, or inf vs -inf, not
    relative[np.isnan(relative) | (np.isnan(kernel) != np.isnan(reference))] = np.inf
    return relative


class KernelProof:
    """The proof as one step of every docs build, cached by what it depends on.

    A pass is remembered under the hash of :func:`sources` (the kernel, the driver,
    this module), the library's code (the build's cache salt), ``node --version`` and
    the machine (the last bits depend on its BLAS): a warm build proves nothing again.
    A failure is never cached: it fails the build, naming the case, and the next build
    proves again.
    """

    KIND = "kernel"

    def __init__(self, build: Build, kernel_js: Path, cases: int = 1000) -> None:
        self.build = build
        self.kernel_js = kernel_js
        self.cases = cases
        self.cache = build.cache_for(__name__)

    def start(self) -> None:
        """Look the proof up; if it must run, start it in a process of its own, and
        :meth:`wait` collects it.

        Its own process, not a thread: picturenn's side of a proof is a few seconds of
        Python, which in a thread took the build's one lock (GIL) from the pages half the
        time; the other core has room (Node and the notebook kernel use it a while).
        """
        from picturenn_docs.core.processes import start_module

        found = self._missing()
        if found is None:
            return
        exe, key = found
        args = (str(self.kernel_js), str(self.cases), exe)
        process = start_module(__name__, *args, stderr=subprocess.PIPE)
        self._running = (process, key)

    def wait(self) -> None:
        """Collect the proof :meth:`start` began: cache a pass, or join the failures."""
        from picturenn_docs.core.failures import CheckFailed

        running, self._running = getattr(self, "_running", None), None
        if running is None:
            return
        process, key = running
        with self.build.summary.timed(self.KIND):
            out, err = process.communicate()
        shown = self.build.shown(self.kernel_js)
        if process.returncode != 0:
            lines = [line for line in err.strip().splitlines() if line.strip()]
            why = lines[-1] if lines else f"exit status {process.returncode}"
            self.build.failures.append(CheckFailed(shown, 1, f"kernel: {why}"))
            return
        self._passed(key, json.loads(out))

    def stop(self) -> None:
        """End a proof still running (the build failed elsewhere)."""
        running, self._running = getattr(self, "_running", None), None
        if running is not None:
            running[0].kill()
            running[0].communicate()

    def check(self) -> None:
        """Prove the kernel (if the site has one) unless a pass is cached; a disagreement
        joins the build's failures."""
        key = self._missing()
        if key is not None:
            self._prove(*key)

    def _missing(self) -> tuple[str, str] | None:
        """(node, cache key) of a proof this build must run; None when there is none to
        run (no kernel, a cached pass, or no Node, which joins the failures)."""
        from picturenn_docs.core.failures import CheckFailed

        if not self.kernel_js.is_file():
            return None
        summary = self.build.summary
        with summary.timed(self.KIND):
            try:
                exe = _node("node")
            except NodeMissing as error:
                self.build.failures.append(
                    CheckFailed(self.build.shown(self.kernel_js), 1, str(error))
                )
                return None
            version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout
            inputs = [p.read_bytes() for p in sources(self.kernel_js)]
            key = self.cache.key(self.KIND, version, platform_tag(), str(self.cases), *inputs)
            if self.cache.read_text(self.KIND, key) is not None:
                summary.count(self.KIND, "cached")
                return None
        return exe, key

    def _prove(self, exe: str, key: str) -> None:
        from picturenn_docs.core.failures import CheckFailed

        with self.build.summary.timed(self.KIND):
            try:
                report = prove(self.kernel_js, cases=self.cases, node=exe)
            except KernelDisagrees as error:
                shown = self.build.shown(self.kernel_js)
                self.build.failures.append(CheckFailed(shown, 1, f"kernel: {error}"))
                return
        self._passed(key, json.loads(json.dumps(report.__dict__, default=str)))

    def _passed(self, key: str, report: dict) -> None:
        self.build.summary.count(self.KIND, "run")
        self.build.summary.count(self.KIND, "cases", int(report["cases"]))
        self.cache.write_text(self.KIND, key, json.dumps(report))


def platform_tag() -> str:
    """The machine and numpy's BLAS, which decide the last bits picturenn's sums end in.

    The BLAS is read from numpy's build configuration (``numpy/__config__.py``, which
    names it and its version), hashed without importing numpy: a warm build needs none.

    >>> len(platform_tag().split()) >= 2
    True
    """
    import hashlib
    import importlib.util
    import platform

    spec = importlib.util.find_spec("numpy")
    folders = list(spec.submodule_search_locations or []) if spec else []
    config = Path(folders[0]) / "__config__.py" if folders else None
    built = config.read_bytes() if config is not None and config.is_file() else b"no numpy"
    blas = hashlib.sha256(built).hexdigest()[:16]
    return f"{platform.machine()} {platform.processor()} numpy-config-{blas}"


def main(argv: list[str]) -> int:
    """``python -m picturenn_docs.engines.kernel_proof KERNEL_JS CASES NODE``: the report
    of a passing proof as JSON on stdout; a disagreement on stderr's last line, status 1."""
    import sys

    kernel_js, cases, node = argv
    try:
        report = prove(Path(kernel_js), cases=int(cases), node=node)
    except (KernelDisagrees, NodeMissing) as error:
        print(error, file=sys.stderr)
        return 1
    print(json.dumps(report.__dict__, default=str))
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
