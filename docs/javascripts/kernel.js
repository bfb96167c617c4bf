/* The page's only arithmetic: picturenn's Network, in the same operations and
 * the same order, so that every docs build can prove the two equal under Node
 * (src/picturenn_docs/engines/kernel_proof.py). Change nothing here without
 * the proof: the page may only show numbers this file computes.
 *
 * A matrix is {rows, cols, data: Float64Array}, row-major; W_k is
 * widths[k] × widths[k+1], as in picturenn. A vector is a Float64Array.
 * A classic script (no modules, no build step): it works from file:// too. */
(function (root) {
  'use strict';

  function fail(message) {
    throw new Error('PicturennKernel: ' + message);
  }

  function count(n, noun) {
    return n + ' ' + noun + (n === 1 ? '' : 's');
  }

  // --- numpy's legacy seeding: np.random.RandomState(seed).random_sample ----

  // MT19937 seeded as numpy's mt19937_seed does for an integer seed.
  function mersenne(seed) {
    const key = new Uint32Array(624);
    key[0] = seed;
    for (let i = 1; i < 624; i++) {
      const s = key[i - 1] ^ (key[i - 1] >>> 30);
      // Math.imul multiplies modulo 2**32 (a plain * would lose bits past 2**53);
      // storing into the Uint32Array wraps the sum the same way
      key[i] = Math.imul(1812433253, s) + i;
    }
    let pos = 624;
    function mix(i, next, far) {
      const y = (key[i] & 0x80000000) | (key[next] & 0x7fffffff);
      key[i] = key[far] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    function twist() {
      // in place, in index order: later entries read already-twisted ones, as in numpy
      let i = 0;
      for (; i < 227; i++) mix(i, i + 1, i + 397);
      for (; i < 623; i++) mix(i, i + 1, i - 227);
      mix(623, 0, 396);
      pos = 0;
    }
    function next32() {
      if (pos === 624) twist();
      let y = key[pos++];
      y ^= y >>> 11;
      y ^= (y << 7) & 0x9d2c5680;
      y ^= (y << 15) & 0xefc60000;
      y ^= y >>> 18;
      return y >>> 0;
    }
    // random_sample: 53 random bits from two draws, exactly as numpy builds a double
    return function () {
      const a = next32() >>> 5;
      const b = next32() >>> 6;
      return (a * 67108864 + b) / 9007199254740992;
    };
  }

  // Network.random(widths, seed).weights: 2 * random_sample(shape) - 1 for each
  // matrix in turn, row-major, all from one state.
  function random(widths, seed) {
    if (!Array.isArray(widths) || widths.length < 2) {
      fail('widths must list at least 2 layer sizes, e.g. [3, 4, 1]');
    }
    widths.forEach(function (w, k) {
      if (!Number.isInteger(w) || w < 1) fail('layer ' + k + ' needs a whole width ≥ 1, got ' + w);
    });
    if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) {
      fail('seed must be a whole number from 0 to 2**32 - 1, got ' + seed);
    }
    const draw = mersenne(seed);
    const weights = [];
    for (let k = 0; k + 1 < widths.length; k++) {
      const data = new Float64Array(widths[k] * widths[k + 1]);
      for (let i = 0; i < data.length; i++) data[i] = 2 * draw() - 1;
      weights.push({rows: widths[k], cols: widths[k + 1], data: data});
    }
    return weights;
  }

  // --- checks: a wrong length throws here instead of reading undefined -------

  function checkWeights(weights) {
    if (!Array.isArray(weights) || weights.length === 0) {
      fail('weights must be a non-empty array of matrices [W_0, W_1, ...]');
    }
    weights.forEach(function (w, k) {
      if (!w || !(w.rows >= 1) || !(w.cols >= 1) || !w.data || w.data.length !== w.rows * w.cols) {
        fail('W_' + k + ' must be {rows, cols, data} with rows × cols values');
      }
      if (k > 0 && w.rows !== weights[k - 1].cols) {
        fail('W_' + k + ' has ' + count(w.rows, 'row') + ' but layer ' + k + ' has ' +
          count(weights[k - 1].cols, 'value'));
      }
    });
  }

  function checkVector(v, n, what) {
    if (!v || v.length !== n) fail(what + ' must have ' + count(n, 'value') + ', got ' + (v && v.length));
  }

  function widths(weights) {
    checkWeights(weights);
    return [weights[0].rows].concat(weights.map(function (w) { return w.cols; }));
  }

  // --- the operations, each as numpy computes it -----------------------------

  // l·W: out[j] = Σ_i l[i]·W[i][j], i ascending (numpy's BLAS may fuse the
  // multiply-adds, so the last bit can differ; the proof allows 1e-12)
  function times(l, w) {
    const out = new Float64Array(w.cols);
    for (let j = 0; j < w.cols; j++) {
      let s = 0;
      for (let i = 0; i < w.rows; i++) s += l[i] * w.data[i * w.cols + j];
      out[j] = s;
    }
    return out;
  }

  // d·Wᵀ: out[i] = Σ_j d[j]·W[i][j], j ascending
  function timesT(d, w) {
    const out = new Float64Array(w.rows);
    for (let i = 0; i < w.rows; i++) {
      let s = 0;
      for (let j = 0; j < w.cols; j++) s += d[j] * w.data[i * w.cols + j];
      out[i] = s;
    }
    return out;
  }

  // the book's (x > 0) * x: a bool times x, so -x gives -0 and NaN stays NaN
  function relu(v) {
    return v.map(function (x) { return (x > 0 ? 1 : 0) * x; });
  }

  // "+ 0.0": relu's and the gate's -0 shown as 0, as picturenn shows them
  function plus0(v) {
    return v.map(function (x) { return x + 0; });
  }

  // np.sum of squares: numpy sums pairwise, a plain loop under 8 values, else
  // eight running sums combined in a fixed tree (halving above 128 values)
  function sum(a, lo, n) {
    let s = 0;
    if (n < 8) {
      for (let i = lo; i < lo + n; i++) s += a[i];
      return s;
    }
    if (n > 128) {
      const half = Math.floor(n / 2) - (Math.floor(n / 2) % 8);
      return sum(a, lo, half) + sum(a, lo + half, n - half);
    }
    const r = Array.prototype.slice.call(a, lo, lo + 8);
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let t = 0; t < 8; t++) r[t] += a[lo + i + t];
    }
    s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) s += a[lo + i];
    return s;
  }

  function squaredError(delta) {
    return sum(delta.map(function (d) { return d * d; }), 0, delta.length);
  }

  // picturenn's _layers: relu after every matrix but the last, which is linear
  function layersOf(weights, x) {
    const layers = [x];
    weights.forEach(function (w, k) {
      const s = times(layers[k], w);
      layers.push(k < weights.length - 1 ? relu(s) : s);
    });
    return layers;
  }

  // picturenn's _deltas: delta_L = l_L - goal; delta_k = (delta_(k+1)·W_kᵀ)
  // gated, times the bool (l_k > 0) like relu2deriv; returns delta_1 .. delta_L
  function deltasOf(weights, layers, goal) {
    const last = weights.length;
    const deltas = [];
    deltas[last] = layers[last].map(function (p, j) { return p - goal[j]; });
    for (let k = last - 1; k >= 1; k--) {
      const l = layers[k];
      deltas[k] = timesT(deltas[k + 1], weights[k]).map(function (d, i) {
        return d * (l[i] > 0 ? 1 : 0);
      });
    }
    return deltas;
  }

  // one row of _descend, for every k in order: W_k -= alpha * (l_kᵀ·delta_(k+1))
  function descend(weights, layers, deltas, alpha) {
    weights.forEach(function (w, k) {
      const l = layers[k], d = deltas[k + 1], c = w.cols;
      for (let i = 0; i < w.rows; i++) {
        for (let j = 0; j < c; j++) w.data[i * c + j] -= alpha * (l[i] * d[j]);
      }
    });
  }

  function checkPair(weights, x, goal) {
    checkWeights(weights);
    checkVector(x, weights[0].rows, 'the input (layer 0)');
    checkVector(goal, weights[weights.length - 1].cols, 'the goal (layer ' + weights.length + ')');
  }

  function checkAlpha(alpha) {
    if (typeof alpha !== 'number' || !isFinite(alpha)) fail('alpha must be a finite number, got ' + alpha);
  }

  // --- the API: what picturenn's Network does ---------------------------------

  function forward(weights, x) {
    checkWeights(weights);
    checkVector(x, weights[0].rows, 'the input (layer 0)');
    return layersOf(weights, x)[weights.length];
  }

  function trace(weights, x) {
    checkWeights(weights);
    checkVector(x, weights[0].rows, 'the input (layer 0)');
    const layers = layersOf(weights, x);
    const last = weights.length;
    return {
      // the pre-relu sums are the same products the forward loop took: the same bits
      sums: weights.map(function (w, k) { return times(layers[k], w); }),
      layers: layers.map(function (l, k) { return k > 0 && k < last ? plus0(l) : l; }),
    };
  }

  function backprop(weights, x, goal) {
    checkPair(weights, x, goal);
    const t = trace(weights, x);
    const deltas = deltasOf(weights, t.layers, goal);
    // the input's delta is shown, never used: nothing sits below W_0
    deltas[0] = timesT(deltas[1], weights[0]);
    const gradients = weights.map(function (w, k) {
      const l = t.layers[k], d = deltas[k + 1];
      const data = new Float64Array(w.rows * w.cols);
      for (let i = 0; i < w.rows; i++) {
        for (let j = 0; j < w.cols; j++) data[i * w.cols + j] = l[i] * d[j] + 0;
      }
      return {rows: w.rows, cols: w.cols, data: data};
    });
    return {
      trace: t,
      deltas: deltas.map(plus0),
      gradients: gradients,
      error: squaredError(deltas[weights.length]),
    };
  }

  // the backprop before the update, then the update in place: one row of training
  function step(weights, x, goal, alpha) {
    checkAlpha(alpha);
    const result = backprop(weights, x, goal);
    // the shown layers and deltas differ from _descend's only by the sign of a zero
    descend(weights, result.trace.layers, result.deltas, alpha);
    return result;
  }

  // picturenn's train: stochastic gradient descent one row at a time, every
  // delta before any update; one summed squared error per iteration. Stops after
  // the first error that is not finite (nothing after it means anything), or
  // after onIteration(i, error) returns false.
  function train(weights, inputs, goals, alpha, iterations, onIteration) {
    checkWeights(weights);
    checkAlpha(alpha);
    if (!Number.isInteger(iterations) || iterations < 0) {
      fail('iterations must be a whole number ≥ 0, got ' + iterations);
    }
    if (!inputs || !goals || inputs.length !== goals.length || inputs.length === 0) {
      fail('there must be one goal for each input row, got ' + count(goals ? goals.length : 0, 'goal') +
        ' for ' + count(inputs ? inputs.length : 0, 'row'));
    }
    for (let r = 0; r < inputs.length; r++) {
      checkPair(weights, inputs[r], goals[r]);
    }
    const errors = [];
    for (let n = 0; n < iterations; n++) {
      let error = 0;
      for (let r = 0; r < inputs.length; r++) {
        const layers = layersOf(weights, inputs[r]);
        const deltas = deltasOf(weights, layers, goals[r]);
        error += squaredError(deltas[weights.length]);
        descend(weights, layers, deltas, alpha);
      }
      errors.push(error);
      // the reader sees the non-finite error too: it is the lesson of too large an alpha
      const more = !onIteration || onIteration(n, error) !== false;
      if (!more || !isFinite(error)) break;
    }
    return errors;
  }

  const kernel = {
    random: random,
    widths: widths,
    forward: forward,
    trace: trace,
    backprop: backprop,
    step: step,
    train: train,
  };
  root.PicturennKernel = kernel;
  if (typeof module === 'object' && module.exports) module.exports = kernel;
})(globalThis);
