/* The playground's words and numbers: how a number is shown and read, the code
 * view's two scripts, and the state in the URL fragment. No arithmetic of the
 * network happens here (that is kernel.js): this file only writes and reads text.
 *
 * Numbers are shown as Python's f"{v + 0.0:.4g}" shows them, so the scripts the
 * code view writes print exactly what the page shows; weights go into those
 * scripts as String(w), which round-trips a float64 as Python's repr does. */
(function (root) {
  "use strict";

  var SUB = "₀₁₂₃₄₅₆₇₈₉";

  // "W" and 1 -> "W₁"
  function sym(letter, k) {
    return letter + String(k).replace(/\d/g, function (d) { return SUB.charAt(+d); });
  }

  // Python's format(v + 0.0, ".4g"), rounding half to even on the exact value
  function num(v) {
    v = v + 0;
    if (v !== v) return "nan";
    if (v === Infinity) return "inf";
    if (v === -Infinity) return "-inf";
    if (v === 0) return "0";
    var sign = v < 0 ? "-" : "";
    var exact = Math.abs(v).toExponential(100); // d.ddd…e±x: exact far past any tie
    var at = exact.indexOf("e");
    var digits = exact.slice(0, at).replace(".", "");
    var exp = +exact.slice(at + 1);
    var kept = +digits.slice(0, 4);
    var rest = digits.slice(4).replace(/0+$/, ""); // what rounding drops: above, at or below half
    var half = rest.charAt(0) === "5" && rest.length === 1;
    if (rest.charAt(0) > "5" || (rest.charAt(0) === "5" && (!half || kept % 2 === 1))) kept += 1;
    if (kept === 10000) { kept = 1000; exp += 1; }
    var mantissa = String(kept);
    if (exp < -4 || exp >= 4) {
      var m = (mantissa.charAt(0) + "." + mantissa.slice(1)).replace(/0+$/, "").replace(/\.$/, "");
      var e = Math.abs(exp) < 10 ? "0" + Math.abs(exp) : String(Math.abs(exp));
      return sign + m + "e" + (exp < 0 ? "-" : "+") + e;
    }
    var text;
    if (exp >= 0) text = mantissa.slice(0, exp + 1) + "." + mantissa.slice(exp + 1);
    else text = "0." + "0000".slice(0, -exp - 1) + mantissa;
    return sign + text.replace(/0+$/, "").replace(/\.$/, "");
  }

  // [a b c]: a vector as the algebra and the scripts show it
  function vec(values) {
    return "[" + Array.prototype.map.call(values, num).join(" ") + "]";
  }

  // a typed number: its value, or what is wrong with it in the chapter's words
  var NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
  function parse(text, what, limit) {
    var t = String(text).trim().replace(/\u2212/g, "-");
    var range = "a finite number between \u2212" + limit.toExponential().replace("+", "") +
      " and " + limit.toExponential().replace("+", "");
    if (t === "") return { error: what + " is empty: type " + range };
    if (!NUMBER.test(t)) return { error: what + " must be " + range + ", not \u201c" + t + "\u201d" };
    var v = Number(t);
    if (!isFinite(v) || Math.abs(v) > limit) return { error: what + " must be " + range + ", not " + t };
    return { value: v };
  }

  /* -- the code view: a script that prints the page's numbers ------------------------ */

  function pyList(values) {
    return "[" + Array.prototype.map.call(values, function (v) {
      var s = String(v);
      return /[.e]/.test(s) || !isFinite(v) ? s : s + ".0";
    }).join(", ") + "]";
  }

  function pyMatrix(w, indent) {
    var rows = [];
    for (var i = 0; i < w.rows; i++) rows.push(indent + "    " + pyList(w.data.subarray(i * w.cols, (i + 1) * w.cols)) + ",");
    return "[\n" + rows.join("\n") + "\n" + indent + "]";
  }

  var SHOWN = [
    "def shown(values):  # four significant digits, as the page shows them",
    '    return "[" + " ".join(f"{float(v) + 0.0:.4g}" for v in values) + "]"',
  ];

  // with picturenn: the network object the whole site is built on
  function withPicturenn(s) {
    var out = ["from picturenn import Network", "", "weights = ["];
    s.weights.forEach(function (w, k) {
      out.push("    " + pyMatrix(w, "    ") + ",  # W" + k + ": " + w.rows + "x" + w.cols);
    });
    out.push("]", "net = Network(weights)", "layer_0 = " + pyList(s.input), "goal = " + pyList(s.goal),
      "bp = net.backprop(layer_0, goal)", "", "");
    out = out.concat(SHOWN, "", "");
    out.push("for k, layer in enumerate(bp.trace.layers):",
      '    print(f"l{k} =", shown(layer.ravel()))',
      "for k, delta in enumerate(bp.deltas[1:], start=1):",
      '    print(f"delta{k} =", shown(delta.ravel()))',
      'print("error =", f"{bp.error + 0.0:.4g}")');
    return out.join("\n") + "\n";
  }

  // plain numpy: the book's names and its one line per layer
  function withNumpy(s) {
    var last = s.weights.length;
    var out = ["import numpy as np", "", "", "def relu(x):", "    return (x > 0) * x", "", ""];
    out = out.concat(SHOWN, "", "");
    s.weights.forEach(function (w, k) {
      out.push("weights_" + k + "_" + (k + 1) + " = np.array(" + pyMatrix(w, "") + ")");
    });
    out.push("layer_0 = np.array(" + pyList(s.input) + ")", "goal = np.array(" + pyList(s.goal) + ")");
    for (var k = 1; k <= last; k++) {
      var sum = "layer_" + (k - 1) + ".dot(weights_" + (k - 1) + "_" + k + ")";
      out.push("layer_" + k + " = " + (k < last ? "relu(" + sum + ")" : sum));
    }
    out.push("layer_" + last + "_delta = layer_" + last + " - goal");
    for (k = last - 1; k >= 1; k--) {
      out.push("layer_" + k + "_delta = layer_" + (k + 1) + "_delta.dot(weights_" + k + "_" + (k + 1) +
        ".T) * (layer_" + k + " > 0)");
    }
    for (k = 0; k <= last; k++) out.push('print("l' + k + ' =", shown(layer_' + k + "))");
    for (k = 1; k <= last; k++) out.push('print("delta' + k + ' =", shown(layer_' + k + "_delta))");
    out.push('print("error =", f"{np.sum(layer_' + last + '_delta ** 2) + 0.0:.4g}")');
    return out.join("\n") + "\n";
  }

  // what both scripts print, from the kernel's backprop
  function printed(bp) {
    var lines = bp.trace.layers.map(function (l, k) { return "l" + k + " = " + vec(l); });
    for (var k = 1; k < bp.deltas.length; k++) lines.push("delta" + k + " = " + vec(bp.deltas[k]));
    lines.push("error = " + num(bp.error));
    return lines.join("\n") + "\n";
  }

  /* -- the URL fragment: the whole state, compact -------------------------------------- */

  // #pnn=1&w=3-4-1&s=1&d=streetlight&x=1,0,1&g=1&a=0.2&p=detailed&e=0.2.1:0.5&t=60@0.2,1.0.0:-0.25,15@0.5
  // e lists the weights that differ from the seed's, as k.i.j:value: the network's own, or
  // with a training run (t) the ones it started from. t is the run's log, replayed by the
  // kernel on reload (it is deterministic: the same weights and errors to the last bit):
  // n@alpha trains n iterations at that alpha, k.i.j:value is a weight typed mid-run
  function edits(weights, seeded) {
    var out = [];
    weights.forEach(function (w, k) {
      for (var n = 0; n < w.data.length; n++) {
        if (!Object.is(w.data[n], seeded[k].data[n])) {
          out.push(k + "." + Math.floor(n / w.cols) + "." + (n % w.cols) + ":" + String(w.data[n]));
        }
      }
    });
    return out;
  }

  function encode(s, seeded, run) {
    var changed = edits(run ? run.origin : s.weights, seeded);
    var parts = ["pnn=1", "w=" + s.widths.join("-"), "s=" + s.seed, "d=" + s.dataset,
      "x=" + Array.prototype.map.call(s.input, String).join(","),
      "g=" + Array.prototype.map.call(s.goal, String).join(","),
      "a=" + String(s.alpha), "p=" + s.style];
    if (changed.length) parts.push("e=" + changed.join(","));
    if (run) {
      parts.push("t=" + run.log.map(function (r) {
        return r.n ? r.n + "@" + String(r.alpha) : r.k + "." + r.i + "." + r.j + ":" + String(r.v);
      }).join(","));
    }
    return "#" + parts.join("&");
  }

  // the fragment's fields as strings, or null when it holds no playground state
  function fields(hash) {
    if (!/(^#|&)pnn=/.test(hash || "")) return null;
    var out = {};
    hash.slice(1).split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at > 0) {
        try { out[pair.slice(0, at)] = decodeURIComponent(pair.slice(at + 1)); } catch (e) { out.bad = pair; }
      }
    });
    return out;
  }

  root.PicturennPlaygroundText = {
    sym: sym, num: num, vec: vec, parse: parse, withPicturenn: withPicturenn,
    withNumpy: withNumpy, printed: printed, encode: encode, fields: fields,
  };
})(globalThis);
