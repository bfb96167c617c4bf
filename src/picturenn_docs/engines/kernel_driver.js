// Runs every case of the kernel proof (kernel_proof.py) in one Node process:
// the cases as JSON on stdin, the kernel's answers as JSON on stdout.
// Usage: node kernel_driver.js path/to/kernel.js < cases.json
'use strict';
const fs = require('fs');
const vm = require('vm');

// Load the kernel as the browser does, a classic script in a fresh global with
// no `module` or `require`: a kernel that only works under Node fails here.
function loadKernel(file) {
  const context = vm.createContext({});
  vm.runInContext(fs.readFileSync(file, 'utf8'), context, {filename: file});
  if (!context.PicturennKernel) throw new Error(file + ' did not set globalThis.PicturennKernel');
  return context.PicturennKernel;
}

const vector = (list) => Float64Array.from(list);
const copy = (weights) => weights.map((w) => ({rows: w.rows, cols: w.cols, data: Float64Array.from(w.data)}));

function runCase(K, c) {
  const weights = K.random(c.widths, c.seed);
  const x = vector(c.x), goal = vector(c.goal);
  const bp = K.backprop(weights, x, goal);
  const stepped = copy(weights);
  const stepError = K.step(stepped, x, goal, c.alpha).error;
  const trained = copy(weights);
  const errors = K.train(trained, c.inputs.map(vector), c.goals.map(vector), c.alpha, c.iterations);
  return {
    weights: weights,
    widths: K.widths(weights),
    forward: K.forward(weights, x),
    trace: K.trace(weights, x),
    backprop: {deltas: bp.deltas, gradients: bp.gradients, error: bp.error},
    step: {error: stepError, weights: stepped},
    train: {errors: errors, weights: trained},
  };
}

// one failing case is reported by its index, so the proof can name it
function guarded(run) {
  try {
    return run();
  } catch (e) {
    return {threw: String(e && e.message ? e.message : e)};
  }
}

// Typed arrays (from the kernel's own global, so not `instanceof` ours) become
// lists; NaN and ±Infinity, which JSON cannot hold, become strings Python reads.
// (A walk of our own: a JSON.stringify replacer, called for every number, is slower.)
const number = (x) => (isFinite(x) ? x : String(x));
function plain(value) {
  if (ArrayBuffer.isView(value)) return Array.from(value, number);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'number') return number(value);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const key of Object.keys(value)) out[key] = plain(value[key]);
  return out;
}

const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const K = loadKernel(process.argv[2]);
const output = {
  cases: input.cases.map((c) => guarded(() => runCase(K, c))),
  runs: input.runs.map((r) => guarded(() => {
    const weights = K.random(r.widths, r.seed);
    const errors = K.train(weights, r.inputs.map(vector), r.goals.map(vector), r.alpha, r.iterations);
    return {errors: errors, weights: weights};
  })),
};
process.stdout.write(JSON.stringify(plain(output)));
