/* The playground's pictures, drawn as SVG from the numbers kernel.js computed:
 * the network (detailed: a line per weight; blocks: strips and boxes) and the
 * error curve. Layout and drawing only: no arithmetic of the network here.
 *
 * Sign is colour (Okabe–Ito blue for positive, vermillion for negative, as the
 * site's figures), size is thickness (a line) or the area of a cell's square.
 * Coordinates are CSS px of the box the picture is given, so the 11 px labels
 * stay 11 px on a phone: the picture is laid out again when its box changes. */
(function (root) {
  "use strict";

  var NS = "http://www.w3.org/2000/svg";
  var T = root.PicturennPlaygroundText;
  var POS = "#0072B2", NEG = "#D55E00", ZERO = "#9aa0ab";
  var FONT = 11; // px: every label, never below 10

  function el(parent, tag, attrs, text) {
    var node = document.createElementNS(NS, tag);
    for (var a in attrs) node.setAttribute(a, attrs[a]);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function colour(v) { return v > 0 ? POS : v < 0 ? NEG : ZERO; }

  function largest(weights) {
    var most = 0;
    weights.forEach(function (w) {
      for (var n = 0; n < w.data.length; n++) if (isFinite(w.data[n])) most = Math.max(most, Math.abs(w.data[n]));
    });
    return most || 1;
  }

  // a weight's name: W₀[2,1]
  function wname(k, i, j) { return T.sym("W", k) + "[" + i + "," + j + "]"; }

  /* -- the network --------------------------------------------------------------------- */

  // A picture of one structure (style, widths, box width); values change in place.
  function Network(host, style, widths, width) {
    this.style = style;
    this.widths = widths.slice();
    this.width = width;
    this.weights = []; // [k][i*cols+j] -> {g, mark}
    this.nodes = []; // [k][i] -> {mark, label}
    host.textContent = "";
    this.svg = el(host, "svg", { class: "pl-svg", role: "group" });
    if (style === "blocks") this.blocks(); else this.detailed();
  }

  Network.prototype.key = function (style, widths, width) {
    return style === this.style && widths.join() === this.widths.join() && width === this.width;
  };

  Network.prototype.weight = function (g, k, i, j) {
    g.setAttribute("class", "pl-w");
    g.setAttribute("tabindex", "-1");
    g.setAttribute("role", "button");
    g.setAttribute("data-w", k + "," + i + "," + j);
    return g;
  };

  Network.prototype.detailed = function () {
    var widths = this.widths, L = widths.length, W = this.width;
    var most = Math.max.apply(null, widths);
    var side = 34, top = 30, dy = 46, r = 9;
    var H = top + most * dy + 4;
    var gap = (W - 2 * side) / (L - 1);
    this.svg.setAttribute("width", W);
    this.svg.setAttribute("height", H);
    this.svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    el(this.svg, "rect", { class: "pl-card", x: 0.5, y: 0.5, width: W - 1, height: H - 1, rx: 6 });
    var at = widths.map(function (n, k) {
      var x = side + k * gap, y0 = top + (most - n) * dy / 2 + dy / 2 - 8;
      var ys = [];
      for (var i = 0; i < n; i++) ys.push(y0 + i * dy);
      return { x: x, ys: ys };
    });
    var self = this;
    var lines = el(this.svg, "g", {});
    for (var k = 0; k + 1 < L; k++) {
      var row = [];
      for (var i = 0; i < widths[k]; i++) {
        for (var j = 0; j < widths[k + 1]; j++) {
          var g = self.weight(el(lines, "g", {}), k, i, j);
          var ends = { x1: at[k].x + r, y1: at[k].ys[i], x2: at[k + 1].x - r, y2: at[k + 1].ys[j] };
          el(g, "line", Object.assign({ class: "pl-hit" }, ends));
          var mark = el(g, "line", Object.assign({ class: "pl-line" }, ends));
          row.push({ g: g, mark: mark });
        }
      }
      this.weights.push(row);
    }
    var labelled = gap >= 52; // room for a value under each node
    widths.forEach(function (n, k) {
      el(self.svg, "text", { class: "pl-name", x: at[k].x, y: 16, "text-anchor": "middle" }, T.sym("l", k));
      var col = [];
      at[k].ys.forEach(function (y, i) {
        var g = el(self.svg, "g", { class: "pl-node", "data-l": k + "," + i });
        var mark = el(g, "circle", { cx: at[k].x, cy: y, r: r });
        var label = labelled ? el(g, "text", { class: "pl-value", x: at[k].x, y: y + r + FONT + 1, "text-anchor": "middle" }) : null;
        col.push({ mark: mark, label: label });
      });
      self.nodes.push(col);
    });
  };

  Network.prototype.blocks = function () {
    var widths = this.widths, L = widths.length, W = this.width;
    var most = Math.max.apply(null, widths);
    var rows = 0;
    for (var k = 0; k < L; k++) rows += 1 + (k + 1 < L ? widths[k] : 0);
    var name = 74, gapY = 16;
    var c = Math.floor(Math.max(14, Math.min(26, (W - name - 16) / most, 640 / rows)));
    var H = 10 + rows * c + (2 * L - 2) * gapY + 10;
    this.svg.setAttribute("width", W);
    this.svg.setAttribute("height", H);
    this.svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    el(this.svg, "rect", { class: "pl-card", x: 0.5, y: 0.5, width: W - 1, height: H - 1, rx: 6 });
    var left = name + Math.max(0, (W - name - 16 - most * c) / 2);
    var y = 10, self = this;
    function cell(g, x, yy, kind) {
      el(g, "rect", { class: "pl-cell " + kind, x: x, y: yy, width: c, height: c });
      return el(g, "rect", { class: "pl-dot", x: x + c / 2, y: yy + c / 2, width: 0, height: 0 });
    }
    function label(text, shape, top, height) {
      var mid = top + height / 2;
      el(self.svg, "text", { class: "pl-name", x: 10, y: mid - 1 }, text);
      el(self.svg, "text", { class: "pl-shape", x: 10, y: mid + FONT + 1 }, shape);
    }
    widths.forEach(function (n, k) {
      label(T.sym("l", k), "1×" + n, y, c);
      var col = [];
      for (var i = 0; i < n; i++) {
        var g = el(self.svg, "g", { class: "pl-node", "data-l": k + "," + i });
        col.push({ mark: cell(g, left + i * c, y, "pl-strip"), label: null, c: c, x: left + i * c, y: y });
      }
      self.nodes.push(col);
      y += c + gapY;
      if (k + 1 === L) return;
      var m = n, nn = widths[k + 1], row = [];
      label(T.sym("W", k), m + "×" + nn, y, m * c);
      for (var ii = 0; ii < m; ii++) {
        for (var j = 0; j < nn; j++) {
          var wg = self.weight(el(self.svg, "g", {}), k, ii, j);
          row.push({ g: wg, mark: cell(wg, left + j * c, y + ii * c, "pl-box"), c: c, x: left + j * c, y: y + ii * c });
        }
      }
      self.weights.push(row);
      y += m * c + gapY;
    });
  };

  // a cell's inner square: its area in proportion to |v| / most
  function dot(item, v, most) {
    var s = isFinite(v) ? item.c * 0.86 * Math.sqrt(Math.min(1, Math.abs(v) / most)) : item.c * 0.86;
    var m = item.mark;
    m.setAttribute("x", item.x + (item.c - s) / 2);
    m.setAttribute("y", item.y + (item.c - s) / 2);
    m.setAttribute("width", s);
    m.setAttribute("height", s);
    m.setAttribute("fill", colour(v));
  }

  // the weights and the layers' values of the current state, in place
  // only what changed is touched: an edit of one weight redraws one line and the values below
  Network.prototype.show = function (weights, layers) {
    var most = largest(weights), blocks = this.style === "blocks";
    var rescaled = most !== this.most;
    this.most = most;
    this.weights.forEach(function (row, k) {
      var data = weights[k].data, cols = weights[k].cols;
      row.forEach(function (item, n) {
        var v = data[n];
        if (!rescaled && Object.is(v, item.v)) return;
        item.v = v;
        var i = Math.floor(n / cols), j = n % cols;
        item.g.setAttribute("aria-label", wname(k, i, j) + " = " + T.num(v));
        if (blocks) { dot(item, v, most); return; }
        item.mark.setAttribute("stroke", colour(v));
        item.mark.setAttribute("stroke-width", isFinite(v) ? Math.max(0.6, 5 * Math.abs(v) / most).toFixed(2) : 5);
      });
    });
    this.nodes.forEach(function (col, k) {
      var values = layers[k], top = 0;
      for (var n = 0; n < values.length; n++) if (isFinite(values[n])) top = Math.max(top, Math.abs(values[n]));
      col.forEach(function (node, i) {
        var v = values[i];
        if (Object.is(v, node.v) && top === node.top) return;
        node.v = v;
        node.top = top;
        if (blocks) dot(node, v, top || 1);
        else node.mark.setAttribute("class", v > 0 ? "pl-on" : v < 0 ? "pl-neg" : "pl-off");
        if (node.label) node.label.textContent = T.num(v);
      });
    });
  };

  Network.prototype.item = function (k, i, j) {
    var row = this.weights[k];
    return row ? row[i * this.widths[k + 1] + j] : null;
  };

  /* -- the error curve ------------------------------------------------------------------ */

  function Curve(host, width) {
    this.width = width;
    this.height = 150;
    host.textContent = "";
    this.svg = el(host, "svg", { class: "pl-svg pl-curve-svg", width: width, height: this.height,
      viewBox: "0 0 " + width + " " + this.height, tabindex: "0", role: "img" });
    el(this.svg, "rect", { class: "pl-card", x: 0.5, y: 0.5, width: width - 1, height: this.height - 1, rx: 6 });
    this.path = el(this.svg, "polyline", { class: "pl-curve-line", points: "" });
    this.top = el(this.svg, "text", { class: "pl-shape", x: 8, y: 18 });
    this.bottom = el(this.svg, "text", { class: "pl-shape", x: 8, y: this.height - 26 });
    this.axis = el(this.svg, "text", { class: "pl-shape", x: width - 8, y: this.height - 8, "text-anchor": "end" });
    this.dot = el(this.svg, "circle", { class: "pl-curve-dot", r: 4, cx: -10, cy: -10 });
    this.points = [];
  }

  // errors as a line on a log scale; returns nothing, keeps the points for hover
  Curve.prototype.show = function (errors) {
    var W = this.width, H = this.height, left = 64, right = 10, top = 12, bottom = 34;
    var logs = [], hi = -Infinity, lo = Infinity;
    errors.forEach(function (e) {
      var v = e > 0 && isFinite(e) ? Math.log(e) / Math.LN10 : null;
      logs.push(v);
      if (v !== null) { hi = Math.max(hi, v); lo = Math.min(lo, v); }
    });
    if (!(hi >= lo)) { hi = 0; lo = -1; }
    if (hi - lo < 1e-9) { hi += 0.5; lo -= 0.5; }
    var n = Math.max(1, errors.length - 1), pts = [], keep = [];
    var stride = Math.ceil(errors.length / 600); // a long run: at most ~600 points drawn
    logs.forEach(function (v, i) {
      if (v === null || (i % stride && i !== errors.length - 1)) return;
      var x = left + (W - left - right) * i / n, y = top + (H - top - bottom) * (hi - v) / (hi - lo);
      pts.push(x.toFixed(1) + "," + y.toFixed(1));
      keep.push([x, y, i]);
    });
    this.points = keep;
    this.errors = errors;
    this.path.setAttribute("points", pts.join(" "));
    this.top.textContent = errors.length ? T.num(Math.pow(10, hi)) : "error";
    this.bottom.textContent = errors.length ? T.num(Math.pow(10, lo)) : "";
    this.axis.textContent = errors.length ? "iteration " + (errors.length - 1) + " (error on a log scale)" : "train to draw the error";
    this.svg.setAttribute("aria-label", errors.length ?
      "Error curve over " + errors.length + " iterations, from " + T.num(errors[0]) + " to " + T.num(errors[errors.length - 1]) :
      "Error curve: no training yet");
    this.dot.setAttribute("cx", -10);
  };

  // the point nearest x (CSS px inside the curve), marked; returns [iteration, error] or null
  Curve.prototype.near = function (x) {
    var best = null;
    this.points.forEach(function (p) { if (!best || Math.abs(p[0] - x) < Math.abs(best[0] - x)) best = p; });
    if (!best) return null;
    this.dot.setAttribute("cx", best[0]);
    this.dot.setAttribute("cy", best[1]);
    return { i: best[2], error: this.errors[best[2]], x: best[0], y: best[1] };
  };

  Curve.prototype.pointAt = function (index) {
    var p = this.points[Math.max(0, Math.min(this.points.length - 1, index))];
    return p ? this.near(p[0]) : null;
  };

  root.PicturennPlaygroundPicture = { Network: Network, Curve: Curve, wname: wname };
})(globalThis);
