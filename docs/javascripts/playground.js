/* The playground: a live figure the reader edits, trains and shares.
 *
 * Every number it shows comes from kernel.js (PicturennKernel), which every
 * docs build proves equal to picturenn; this script keeps the reader's state,
 * builds the controls and hands the kernel's results to the views: the picture
 * (playground-picture.js), the algebra and the code (playground-text.js).
 * Without JavaScript the page keeps the static picture picturenn drew.
 *
 * A figure is a <div class="pnn-live"> holding its starting state as JSON in
 * data-state (src/picturenn_docs/widgets/live.py). Every figure has the widths, the dataset
 * and a link to its state (the URL fragment); data-mode="playground" adds "check yourself"
 * and keeps the address bar on its state as it changes. A lesson's figure leaves the
 * address bar alone: its link names it (f=its id) and is made when the reader asks.
 * Restarts on every page of material's instant navigation (document$). */
(function () {
  "use strict";

  var K = globalThis.PicturennKernel;
  var T = globalThis.PicturennPlaygroundText;
  var P = globalThis.PicturennPlaygroundPicture;
  var reduced = window.matchMedia("(prefers-reduced-motion: reduce)");
  var NUDGE = 0.1, FINE = 0.01, JUMP = 60; // arrow keys; Shift+arrow; one reduced-motion "play"
  var TOLERANCE = "within 1% of the kernel's value, or 0.01 when that is larger";
  var count = 0;

  function h(tag, attrs, kids) {
    var node = document.createElement(tag);
    for (var a in attrs || {}) {
      if (a === "text") node.textContent = attrs[a];
      else if (a.slice(0, 2) === "on") node.addEventListener(a.slice(2), attrs[a]);
      else node.setAttribute(a, attrs[a]);
    }
    (kids || []).forEach(function (kid) { if (kid) node.appendChild(kid); });
    return node;
  }

  function matrices(lists) {
    return lists.map(function (rows) {
      var data = new Float64Array(rows.length * rows[0].length);
      rows.forEach(function (row, i) { data.set(row, i * row.length); });
      return { rows: rows.length, cols: rows[0].length, data: data };
    });
  }

  function copied(weights) {
    return weights.map(function (w) { return { rows: w.rows, cols: w.cols, data: new Float64Array(w.data) }; });
  }

  function same(a, b) {
    return a.length === b.length && a.every(function (w, k) {
      return w.data.every(function (v, n) { return Object.is(v, b[k].data[n]); });
    });
  }

  /* -- a field with its inline message --------------------------------------------------- */

  function Field(label, attrs, onValue) {
    var id = "pl" + (++count);
    this.input = h("input", Object.assign({ id: id, type: "text", inputmode: "decimal", autocomplete: "off",
      spellcheck: "false", "aria-describedby": id + "-m" }, attrs || {}));
    this.message = h("span", { class: "pl-msg", id: id + "-m" });
    this.node = h("span", { class: "pl-field" }, [h("label", { for: id, text: label }), this.input, this.message]);
    var self = this;
    // Enter applies a value, and so does leaving the field (change); not both for one value:
    // the second would rebuild the controls under the pointer that left it (its click lost)
    this.input.addEventListener("change", function () {
      if (self.input.value !== self.entered) onValue(self.input.value, self);
    });
    this.input.addEventListener("focus", function () { self.entered = null; });
    this.input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); self.entered = self.input.value; onValue(self.input.value, self); }
    });
  }

  Field.prototype.set = function (text) {
    if (this.input.value === text) return; // an unchanged field costs no layout
    if (document.activeElement !== this.input || this.input.getAttribute("aria-invalid") !== "true") this.input.value = text;
  };

  // "" clears the message; returns whether there was a problem
  Field.prototype.say = function (problem) {
    this.message.textContent = problem || "";
    if (problem) this.input.setAttribute("aria-invalid", "true");
    else this.input.removeAttribute("aria-invalid");
    return !!problem;
  };

  /* -- the playground ------------------------------------------------------------------- */

  function Playground(root, start) {
    this.root = root;
    this.start = start;
    this.full = start.mode === "playground";
    this.limits = start.limits;
    this.sets = start.datasets;
    this.errors = [];
    this.run = null; // the training run behind this.errors, for the link (see logTrain)
    this.playing = 0;
    this.sel = [0, 0, 0];
    this.lang = "picturenn";
    this.s = this.initial();
    this.build();
    this.check();
    if (this.mine(T.fields(location.hash))) this.restore();
    this.structure();
    root.classList.add("pl-on");
    root.pnnPlayground = this; // the bench drives it (tests/bench/playground.py)
  }

  Playground.prototype.initial = function () {
    var st = this.start;
    return {
      widths: st.widths.slice(), seed: st.seed, weights: matrices(st.weights),
      input: new Float64Array(st.input), goal: new Float64Array(st.goal), alpha: st.alpha,
      dataset: st.dataset, style: st.style,
    };
  };

  // the kernel agrees with picturenn on this figure's start (the build proves it in general)
  Playground.prototype.check = function () {
    var st = this.start, s = this.s;
    var seeded = same(K.random(st.widths, st.seed), s.weights);
    var shown = Array.prototype.map.call(K.forward(s.weights, s.input), T.num);
    if (!seeded || shown.join() !== st.expect.join()) {
      this.warn("This page's kernel disagrees with picturenn on its starting network " +
        "(picturenn predicts " + st.expect.join(", ") + "): the numbers below may be wrong.");
    }
  };

  Playground.prototype.warn = function (text) {
    this.warning.textContent = text;
    this.warning.hidden = !text;
  };

  Playground.prototype.say = function (text, soon) {
    var live = this.live;
    window.clearTimeout(this.saying);
    if (soon) this.saying = window.setTimeout(function () { live.textContent = text; }, 500);
    else live.textContent = text;
  };

  Playground.prototype.set = function () { return this.sets[this.s.dataset]; };

  /* building the controls and views (once) */

  Playground.prototype.build = function () {
    var self = this, root = this.root;
    var ui = h("div", { class: "pl-ui" });
    this.warning = h("p", { class: "pl-warn", role: "status" });
    this.warning.hidden = true;
    ui.appendChild(this.warning);
    ui.appendChild(this.buildSetup());
    ui.appendChild(this.buildInput());
    var views = h("div", { class: "pl-views" });
    views.appendChild(this.buildPicture());
    this.algebra = h("pre", { class: "pl-math", tabindex: "0", "aria-label": "The algebra with this network's numbers" });
    views.appendChild(h("section", { class: "pl-view pl-algebra", "aria-label": "Algebra" },
      [h("p", { class: "pl-title", text: "The algebra, numbers plugged in" }), this.algebra]));
    views.appendChild(this.buildCode());
    ui.appendChild(views);
    ui.appendChild(this.buildTrain());
    ui.appendChild(this.buildShare());
    if (this.full) ui.appendChild(this.buildQuiz());
    this.live = h("p", { class: "pl-live", "aria-live": "polite" });
    ui.appendChild(this.live);
    root.insertBefore(ui, root.firstChild);
    if (window.ResizeObserver) {
      new ResizeObserver(function () { if (self.root.isConnected) self.layout(); }).observe(this.picture);
    }
  };

  Playground.prototype.buildSetup = function () {
    var self = this;
    var pick = h("select", { id: "pl" + (++count), onchange: function () { self.useDataset(pick.value); } });
    Object.keys(this.sets).forEach(function (name) {
      var d = self.sets[name];
      pick.appendChild(h("option", { value: name, text: d.label + " (" + d.inputs[0].length + " in, " + d.goals[0].length + " out)" }));
    });
    this.pick = pick;
    this.widthsField = new Field("Widths", { name: "widths", inputmode: "text", size: "12" }, function (text, field) { self.useWidths(text, field); });
    this.neurons = h("span", { class: "pl-neurons", role: "group", "aria-label": "Hidden layers" });
    var L = this.limits;
    return h("div", { class: "pl-panel pl-setup", role: "group", "aria-label": "Data and architecture" }, [
      h("span", { class: "pl-field" }, [h("label", { for: pick.id, text: "Dataset" }), pick]),
      this.widthsField.node,
      h("button", { type: "button", text: "Add a layer", onclick: function () { self.layers(1); } }),
      h("button", { type: "button", text: "Remove a layer", onclick: function () { self.layers(-1); } }),
      this.neurons,
      h("p", { class: "pl-note", text: "At most " + L.layers + " layers of at most " + L.width +
        " values each; the dataset fixes the first and the last." }),
    ]);
  };

  Playground.prototype.buildInput = function () {
    var self = this;
    this.inputs = h("span", { class: "pl-inputs", role: "group", "aria-label": "Input, layer 0" });
    this.goals = h("span", { class: "pl-inputs", role: "group", "aria-label": "Goal" });
    this.row = h("select", { id: "pl" + (++count), onchange: function () { self.useRow(+self.row.value); } });
    this.seedField = new Field("Seed", { name: "seed", inputmode: "numeric", size: "10" }, function (text, field) { self.useSeed(text, field); });
    this.styles = h("span", { class: "pl-styles", role: "group", "aria-label": "Picture style" });
    ["detailed", "blocks"].forEach(function (style) {
      self.styles.appendChild(h("button", { type: "button", "data-style": style, "aria-pressed": "false",
        text: style === "detailed" ? "Circles and lines" : "Strips and boxes",
        onclick: function () { self.s.style = style; self.structure(); self.say("Picture: " + this.textContent.toLowerCase()); } }));
    });
    return h("div", { class: "pl-panel pl-state", role: "group", "aria-label": "Input and weights" }, [
      h("span", { class: "pl-field" }, [h("span", { class: "pl-label", text: "Input l₀" }), this.inputs]),
      h("span", { class: "pl-field" }, [h("label", { for: this.row.id, text: "Data row" }), this.row]),
      this.goals,
      this.seedField.node,
      h("button", { type: "button", text: "New weights from this seed", onclick: function () { self.useSeed(self.seedField.input.value, self.seedField); } }),
      this.styles,
    ]);
  };

  Playground.prototype.buildPicture = function () {
    var self = this;
    this.editor = new Field("Weight", { name: "weight", disabled: "", size: "12", "aria-keyshortcuts": "ArrowUp ArrowDown" },
      function (text, field) { self.typed(text, field); });
    this.editor.input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowUp" || e.key === "ArrowDown") {
        e.preventDefault();
        self.nudge((e.key === "ArrowUp" ? 1 : -1) * (e.shiftKey ? FINE : NUDGE));
      }
      if (e.key === "Escape") self.focusWeight();
    });
    this.picture = h("div", { class: "pl-picture" });
    this.card = h("div", { class: "pnn-card", hidden: "" }); // styled in widgets.css
    this.picture.addEventListener("click", function (e) { self.clicked(e.target); });
    this.picture.addEventListener("keydown", function (e) { self.keyed(e); });
    this.picture.addEventListener("mouseover", function (e) { self.tell(e.target); });
    this.picture.addEventListener("focusin", function (e) { self.tell(e.target); });
    this.picture.addEventListener("mouseleave", function () { self.card.hidden = true; });
    this.picture.addEventListener("focusout", function () { self.card.hidden = true; });
    return h("section", { class: "pl-view pl-picture-view", "aria-label": "Picture" }, [
      h("p", { class: "pl-title", text: "The picture: blue is positive, vermillion negative, thicker is larger" }),
      this.editor.node, this.picture, this.card,
      h("p", { class: "pl-note", text: "Click or tap a weight (a line, or a cell of a box) and type its value; " +
        "in the picture, arrow keys move between weights and Enter edits one; in the field, ↑ and ↓ nudge it by " +
        NUDGE + " (with Shift by " + FINE + ")." }),
    ]);
  };

  Playground.prototype.buildCode = function () {
    var self = this;
    this.code = h("code", {});
    this.printed = h("code", {});
    this.langs = h("span", { class: "pl-styles", role: "group", "aria-label": "Code with" });
    ["picturenn", "numpy"].forEach(function (lang) {
      self.langs.appendChild(h("button", { type: "button", "data-lang": lang, "aria-pressed": String(lang === self.lang),
        text: lang === "picturenn" ? "picturenn" : "plain numpy",
        onclick: function () { self.lang = lang; self.render(); } }));
    });
    var copy = h("button", { type: "button", class: "pl-copy", text: "Copy the code", onclick: function () { self.copy(); } });
    // each block its own id: material names a block's copy target after the nearest id,
    // and two blocks under the figure's one id would share a target
    var id = this.root.id || "pl";
    return h("section", { class: "pl-view pl-code", "aria-label": "Code" }, [
      h("p", { class: "pl-title", text: "The code: paste it into Python, it prints the same numbers" }),
      h("div", { class: "pl-row" }, [this.langs, copy]),
      h("pre", { id: id + "-script", class: "pl-script", tabindex: "0", "aria-label": "Python script" }, [this.code]),
      h("p", { class: "pl-note pl-prints", text: "It prints:" }),
      h("pre", { id: id + "-printed", class: "pl-printed", tabindex: "0", "aria-label": "What the script prints" }, [this.printed]),
    ]);
  };

  Playground.prototype.buildTrain = function () {
    var self = this;
    this.alphaField = new Field("Alpha", { name: "alpha", size: "6" }, function (text, field) { self.useAlpha(text, field); });
    this.playButton = h("button", { type: "button", class: "pl-play", onclick: function () { self.play(); } });
    this.status = h("p", { class: "pl-status" });
    this.curveBox = h("div", { class: "pl-curve" });
    this.curveBox.addEventListener("mousemove", function (e) {
      var box = self.curve.svg.getBoundingClientRect();
      self.curveAt(self.curve.near(e.clientX - box.left));
    });
    this.curveBox.addEventListener("mouseleave", function () { self.card.hidden = true; });
    this.curveBox.addEventListener("keydown", function (e) {
      var step = { ArrowLeft: -1, ArrowRight: 1, Home: -1e9, End: 1e9 }[e.key];
      if (step === undefined || !self.curve.points.length) return;
      e.preventDefault();
      self.at = Math.max(0, Math.min(self.curve.points.length - 1, (self.at === undefined ? self.curve.points.length - 1 : self.at) + step));
      var p = self.curve.pointAt(self.at);
      self.curveAt(p);
      self.say("Iteration " + p.i + ": error " + T.num(p.error));
    });
    return h("div", { class: "pl-panel pl-train", role: "group", "aria-label": "Training" }, [
      h("div", { class: "pl-row" }, [
        this.alphaField.node,
        h("button", { type: "button", text: "Train 1 iteration", onclick: function () { self.stop(); self.train(1, true); } }),
        this.playButton,
        h("button", { type: "button", text: "Reset to the seed", onclick: function () { self.reset(); } }),
      ]),
      this.status, this.curveBox,
      h("p", { class: "pl-note", text: "One iteration trains on every row of the dataset in turn, as the book's loop does. " +
        "Change alpha at any time: training goes on from where it is. Point at the curve (or focus it and use ← →) for its values." }),
    ]);
  };

  Playground.prototype.buildQuiz = function () {
    var self = this;
    this.question = h("p", { class: "pl-question" });
    this.answer = new Field("Your answer", { name: "answer", size: "12" }, function (text, field) { self.mark(text, field); });
    this.verdict = h("p", { class: "pl-verdict", role: "status" });
    return h("div", { class: "pl-panel pl-quiz", role: "group", "aria-label": "Check yourself" }, [
      h("p", { class: "pl-title", text: "Check yourself" }),
      this.question,
      h("div", { class: "pl-row" }, [this.answer.node,
        h("button", { type: "button", text: "Check", onclick: function () { self.mark(self.answer.input.value, self.answer); } }),
        h("button", { type: "button", text: "Another question", onclick: function () { self.ask(); } })]),
      this.verdict,
      h("p", { class: "pl-note", text: "Work it out from the numbers on this page. An answer counts " + TOLERANCE +
        "; the page checks it through the kernel, on the network as it is when you press Check." }),
    ]);
  };

  /* structure: widths, dataset, style changed -> controls and picture made again */

  Playground.prototype.structure = function () {
    var self = this, s = this.s, d = this.set();
    this.inputs.textContent = "";
    this.inputFields = [];
    Array.prototype.forEach.call(s.input, function (v, i) {
      if (d.lamps) {
        self.inputs.appendChild(h("button", { type: "button", class: "pl-lamp", "data-lamp": i, "aria-pressed": "false",
          text: "Lamp " + i, onclick: function () { self.lamp(i); } }));
      } else {
        var f = new Field(T.sym("l", 0) + "[" + i + "]", { name: "input" + i, size: "6" }, function (text, field) { self.useInput(i, text, field); });
        self.inputFields.push(f);
        self.inputs.appendChild(f.node);
      }
    });
    this.goals.textContent = "";
    this.goalFields = Array.prototype.map.call(s.goal, function (v, j) {
      var f = new Field("goal[" + j + "]", { name: "goal" + j, size: "6" }, function (text, field) { self.useGoal(j, text, field); });
      self.goals.appendChild(f.node);
      return f;
    });
    this.row.textContent = "";
    this.row.appendChild(h("option", { value: "-1", text: "your own" }));
    d.inputs.forEach(function (row, r) {
      self.row.appendChild(h("option", { value: r, text: "row " + r + ": [" + row.join(" ") + "] → [" + d.goals[r].join(" ") + "]" }));
    });
    {
      this.pick.value = s.dataset;
      this.widthsField.set(s.widths.join(" "));
      this.widthsField.say("");
      this.neurons.textContent = "";
      s.widths.slice(1, -1).forEach(function (n, at) {
        var k = at + 1, name = T.sym("l", k);
        self.neurons.appendChild(h("span", { class: "pl-neuron" }, [
          h("button", { type: "button", text: "−", "aria-label": "One value fewer in " + name, onclick: function () { self.neuron(k, -1); } }),
          h("span", { text: name + ": " + n }),
          h("button", { type: "button", text: "+", "aria-label": "One value more in " + name, onclick: function () { self.neuron(k, 1); } }),
        ]));
      });
    }
    Array.prototype.forEach.call(this.styles.children, function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-style") === s.style));
    });
    this.net = null;
    this.sel = [0, 0, 0];
    this.choose(0, 0, 0, false);
    this.layout();
    if (this.full && !this.asked) this.ask();
  };

  // (re)draw the picture and curve for the width they are given, then every view
  Playground.prototype.layout = function () {
    var width = Math.floor(this.picture.clientWidth) || 600, s = this.s;
    if (!this.net || !this.net.key(s.style, s.widths, width)) {
      this.net = new P.Network(this.picture, s.style, s.widths, width);
      this.net.svg.setAttribute("aria-label", "The network " + s.widths.join("-") + ", " +
        (s.style === "blocks" ? "as strips and boxes" : "as circles and lines") + "; each weight is a button");
      this.roving();
    }
    var cw = Math.floor(this.curveBox.clientWidth) || width;
    if (!this.curve || this.curve.width !== cw) this.curve = new P.Curve(this.curveBox, cw);
    this.render();
  };

  /* every view from the kernel's numbers */

  // a text that did not change costs no layout
  function put(el, text) { if (el.textContent !== text) el.textContent = text; }
  // nor an attribute (a write, even of the same value, makes the browser restyle)
  function mark(el, name, value) { if (el.getAttribute(name) !== value) el.setAttribute(name, value); }

  Playground.prototype.render = function () {
    var s = this.s, bp = K.backprop(s.weights, s.input, s.goal);
    this.bp = bp;
    this.net.show(s.weights, bp.trace.layers);
    put(this.algebra, this.math(bp));
    var script = this.lang === "numpy" ? T.withNumpy(s) : T.withPicturenn(s);
    put(this.code, script);
    put(this.printed, T.printed(bp));
    Array.prototype.forEach.call(this.langs.children, function (b) {
      mark(b, "aria-pressed", String(b.getAttribute("data-lang") === this.lang));
    }, this);
    this.fields();
    // an edit leaves the run as it was: the curve is drawn again only when training changed it
    if (this.curve.errors !== this.errors || this.curve.count !== this.errors.length) {
      this.curve.show(this.errors);
      this.curve.count = this.errors.length;
    }
    put(this.status, (this.errors.length ? "Trained " + this.errors.length + " iteration" +
      (this.errors.length === 1 ? "" : "s") + "; last iteration's error " + T.num(this.errors[this.errors.length - 1]) :
      "Not trained yet") + ". This input's error now: " + T.num(bp.error) + ".");
    put(this.playButton, this.playing ? "Pause" : reduced.matches ? "Train " + JUMP + " iterations" : "Play");
    mark(this.root, "data-error", T.num(bp.error));
    if (!this.playing) this.share();
  };

  Playground.prototype.fields = function () {
    var s = this.s;
    Array.prototype.forEach.call(this.inputs.querySelectorAll(".pl-lamp"), function (b, i) {
      var on = s.input[i] === 1;
      mark(b, "aria-pressed", String(on));
      put(b, "Lamp " + i + (on ? " on" : " off"));
    });
    this.inputFields.forEach(function (f, i) { f.set(String(s.input[i])); });
    this.goalFields.forEach(function (f, j) { f.set(String(s.goal[j])); });
    var row = String(this.rowOf());
    if (this.row.value !== row) this.row.value = row;
    this.seedField.set(String(s.seed));
    this.alphaField.set(String(s.alpha));
    var w = s.weights[this.sel[0]];
    this.editor.set(String(w.data[this.sel[1] * w.cols + this.sel[2]]));
  };

  Playground.prototype.rowOf = function () {
    var s = this.s, d = this.set();
    for (var r = 0; r < d.inputs.length; r++) {
      if (d.inputs[r].every(function (v, i) { return v === s.input[i]; })) return r;
    }
    return -1;
  };

  // l₁ = relu(l₀W₀) = relu([1 0 1] W₀) = [0.5 0.2 0 0.9], then the deltas
  Playground.prototype.math = function (bp) {
    var s = this.s, L = s.weights.length, t = bp.trace, lines = [];
    var l = function (k) { return T.sym("l", k); }, W = function (k) { return T.sym("W", k); };
    var d = function (k) { return "δ" + T.sym("", k); };
    lines.push(l(0) + " = " + T.vec(t.layers[0]));
    for (var k = 1; k <= L; k++) {
      var product = l(k - 1) + W(k - 1);
      var plugged = T.vec(t.layers[k - 1]) + " " + W(k - 1);
      if (k < L) {
        lines.push(product + " = " + plugged + " = " + T.vec(t.sums[k - 1]));
        lines.push(l(k) + " = relu(" + product + ") = " + T.vec(t.layers[k]));
      } else {
        lines.push(l(k) + " = " + product + " = " + plugged + " = " + T.vec(t.layers[k]));
      }
    }
    lines.push("");
    lines.push(d(L) + " = " + l(L) + " − goal = " + T.vec(t.layers[L]) + " − " + T.vec(s.goal) + " = " + T.vec(bp.deltas[L]));
    for (k = L - 1; k >= 1; k--) {
      lines.push(d(k) + " = " + d(k + 1) + W(k) + "ᵀ ∘ (" + l(k) + " > 0) = " + T.vec(bp.deltas[k]));
    }
    lines.push("error = sum(" + d(L) + "²) = " + T.num(bp.error));
    lines.push("");
    lines.push("training (α = " + T.num(s.alpha) + "): W" + "ₖ −= α · lₖᵀ δₖ₊₁");
    return lines.join("\n");
  };

  /* the picture: a chosen weight, the card, the roving focus */

  Playground.prototype.choose = function (k, i, j, focus) {
    var w = this.s.weights[k];
    if (!w || i >= w.rows || j >= w.cols) return;
    this.sel = [k, i, j];
    var label = this.editor.node.querySelector("label");
    label.textContent = "Weight " + P.wname(k, i, j);
    this.editor.input.removeAttribute("disabled");
    this.editor.say("");
    this.editor.input.value = String(w.data[i * w.cols + j]);
    this.roving();
    if (focus) { this.editor.input.focus(); this.editor.input.select(); }
  };

  Playground.prototype.roving = function () {
    if (!this.net) return;
    var sel = this.sel;
    Array.prototype.forEach.call(this.net.svg.querySelectorAll(".pl-w"), function (g) {
      var on = g.getAttribute("data-w") === sel.join(",");
      g.setAttribute("tabindex", on ? "0" : "-1");
      g.classList.toggle("pl-chosen", on);
    });
  };

  Playground.prototype.focusWeight = function () {
    var item = this.net && this.net.item(this.sel[0], this.sel[1], this.sel[2]);
    if (item) item.g.focus();
  };

  function weightOf(node) {
    while (node && node.getAttribute) {
      if (node.getAttribute("data-w")) return node.getAttribute("data-w").split(",").map(Number);
      if (node.getAttribute("data-l")) return null;
      node = node.parentNode;
    }
    return null;
  }

  function nodeOf(node) {
    while (node && node.getAttribute) {
      if (node.getAttribute("data-l")) return node.getAttribute("data-l").split(",").map(Number);
      node = node.parentNode;
    }
    return null;
  }

  Playground.prototype.clicked = function (target) {
    var at = weightOf(target);
    if (at) this.choose(at[0], at[1], at[2], true);
  };

  // arrow keys walk the weights in order (W₀ row by row, then W₁ ...); Enter edits one
  Playground.prototype.keyed = function (e) {
    var at = weightOf(e.target);
    if (!at) return;
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); this.choose(at[0], at[1], at[2], true); return; }
    var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if (!step) return;
    e.preventDefault();
    var all = [];
    this.s.weights.forEach(function (w, k) {
      for (var n = 0; n < w.data.length; n++) all.push([k, Math.floor(n / w.cols), n % w.cols]);
    });
    var now = all.findIndex(function (a) { return a.join() === at.join(); });
    var next = all[Math.max(0, Math.min(all.length - 1, now + step))];
    this.choose(next[0], next[1], next[2], false);
    this.focusWeight();
  };

  Playground.prototype.tell = function (target) {
    var bp = this.bp, s = this.s, text = [];
    var at = weightOf(target), node = at ? null : nodeOf(target), anchor = target;
    if (at) {
      var w = s.weights[at[0]], g = bp.gradients[at[0]], n = at[1] * w.cols + at[2];
      text = [P.wname(at[0], at[1], at[2]) + " = " + T.num(w.data[n]),
        "from " + T.sym("l", at[0]) + "[" + at[1] + "] to " + T.sym("l", at[0] + 1) + "[" + at[2] + "]",
        "its gradient for this input: " + T.num(g.data[n])];
    } else if (node) {
      var k = node[0], i = node[1];
      text = [T.sym("l", k) + "[" + i + "] = " + T.num(bp.trace.layers[k][i])];
      if (k > 0) text.push("weighted sum before " + (k < s.weights.length ? "relu" : "the output") + ": " + T.num(bp.trace.sums[k - 1][i]));
      if (k > 0) text.push("δ" + T.sym("", k) + "[" + i + "] = " + T.num(bp.deltas[k][i]));
    } else return;
    var card = this.card;
    card.textContent = "";
    text.forEach(function (t, n) { card.appendChild(h(n ? "span" : "strong", { text: t })); });
    card.hidden = false;
    var box = (anchor.closest ? anchor.closest("g") || anchor : anchor).getBoundingClientRect();
    var home = this.picture.parentNode.getBoundingClientRect();
    var left = Math.min(box.left - home.left, home.width - card.offsetWidth);
    card.style.left = Math.max(0, left) + "px";
    card.style.top = (box.bottom - home.top + 6) + "px";
  };

  Playground.prototype.curveAt = function (p) {
    if (!p) return;
    var card = this.card;
    card.textContent = "";
    card.appendChild(h("strong", { text: "iteration " + p.i }));
    card.appendChild(h("span", { text: "error " + T.num(p.error) }));
    card.hidden = false;
    var home = this.picture.parentNode.getBoundingClientRect();
    var box = this.curve.svg.getBoundingClientRect();
    card.style.left = Math.max(0, Math.min(box.left - home.left + p.x, home.width - card.offsetWidth)) + "px";
    card.style.top = (box.top - home.top + p.y + 12) + "px";
  };

  /* edits: each checked first; a bad one leaves the network as it was */

  Playground.prototype.limit = function () { return this.limits.weight; };

  Playground.prototype.typed = function (text, field) {
    var k = this.sel[0], i = this.sel[1], j = this.sel[2];
    var got = T.parse(text, P.wname(k, i, j), this.limit());
    if (field.say(got.error)) { this.say(got.error); return; }
    this.setWeight(k, i, j, got.value);
  };

  Playground.prototype.nudge = function (by) {
    var k = this.sel[0], i = this.sel[1], j = this.sel[2], w = this.s.weights[k];
    var v = w.data[i * w.cols + j] + by;
    if (!(Math.abs(v) <= this.limit())) { this.editor.say(P.wname(k, i, j) + " cannot go past ±" + this.limit()); return; }
    this.setWeight(k, i, j, v, true);
  };

  Playground.prototype.setWeight = function (k, i, j, v, soon) {
    var w = this.s.weights[k];
    w.data[i * w.cols + j] = v;
    this.logEdit(k, i, j, v);
    this.editor.say("");
    this.editor.input.value = String(v);
    this.render();
    this.say(P.wname(k, i, j) + " is now " + T.num(v) + ": the prediction " + T.sym("l", this.s.weights.length) +
      " is " + T.vec(this.bp.trace.layers[this.s.weights.length]) + ", its error " + T.num(this.bp.error), soon);
  };

  Playground.prototype.lamp = function (i) {
    var s = this.s;
    s.input[i] = s.input[i] === 1 ? 0 : 1;
    this.matchGoal();
    this.render();
    this.say("Lamp " + i + (s.input[i] ? " on" : " off") + ": input " + T.vec(s.input) + ", prediction " +
      T.vec(this.bp.trace.layers[s.weights.length]));
  };

  // an input that is a row of the data takes that row's goal
  Playground.prototype.matchGoal = function () {
    var r = this.rowOf();
    if (r >= 0) this.s.goal = new Float64Array(this.set().goals[r]);
  };

  Playground.prototype.useRow = function (r) {
    var d = this.set();
    if (!(r >= 0 && r < d.inputs.length)) return;
    this.s.input = new Float64Array(d.inputs[r]);
    this.s.goal = new Float64Array(d.goals[r]);
    this.structureFields();
    this.say("Row " + r + ": input " + T.vec(this.s.input) + ", goal " + T.vec(this.s.goal));
  };

  Playground.prototype.structureFields = function () {
    this.inputFields.concat(this.goalFields).forEach(function (f) { f.say(""); });
    this.render();
  };

  Playground.prototype.useInput = function (i, text, field) {
    var got = T.parse(text, T.sym("l", 0) + "[" + i + "] (input value " + i + ")", this.limit());
    if (field.say(got.error)) { this.say(got.error); return; }
    this.s.input[i] = got.value;
    this.matchGoal();
    this.render();
    this.say("Input " + T.vec(this.s.input) + ": prediction " + T.vec(this.bp.trace.layers[this.s.weights.length]));
  };

  Playground.prototype.useGoal = function (j, text, field) {
    var got = T.parse(text, "goal[" + j + "]", this.limit());
    if (field.say(got.error)) { this.say(got.error); return; }
    this.s.goal[j] = got.value;
    this.render();
    this.say("Goal " + T.vec(this.s.goal) + ": error " + T.num(this.bp.error));
  };

  Playground.prototype.useAlpha = function (text, field) {
    var got = T.parse(text, "alpha", this.limits.alpha);
    if (!got.error && !(got.value > 0)) got = { error: "alpha must be above 0 (and at most " + this.limits.alpha + "), not " + text.trim() };
    if (field.say(got.error)) { this.say(got.error); return; }
    this.s.alpha = got.value;
    this.render();
    this.say("Alpha is now " + T.num(got.value) + (this.playing ? ": training goes on with it" : ""));
  };

  function whole(text, what, lo, hi) {
    var t = String(text).trim();
    if (t === "") return { error: what + " is empty: type a whole number from " + lo + " to " + hi };
    if (!/^\d+$/.test(t) || +t < lo || +t > hi) return { error: what + " must be a whole number from " + lo + " to " + hi + ", not \u201c" + t + "\u201d" };
    return { value: +t };
  }

  Playground.prototype.useSeed = function (text, field) {
    var got = whole(text, "The seed", 0, this.limits.seed);
    if (field.say(got.error)) { this.say(got.error); return; }
    this.s.seed = got.value;
    this.reset("New weights from seed " + got.value);
  };

  Playground.prototype.reset = function (said) {
    this.stop();
    this.s.weights = K.random(this.s.widths, this.s.seed);
    this.errors = [];
    this.run = null;
    this.render();
    this.say((said || "Back to the weights of seed " + this.s.seed) + ": prediction " +
      T.vec(this.bp.trace.layers[this.s.weights.length]) + ", error " + T.num(this.bp.error));
  };

  // what is wrong with these widths for this dataset, in the chapter's terms, or ""
  Playground.prototype.badWidths = function (widths) {
    var L = this.limits, d = this.set(), n = widths.length;
    if (n < 2) return "A network needs at least 2 layers (the input and the output)";
    if (n > L.layers) return "A network here has at most " + L.layers + " layers, not " + n;
    for (var k = 0; k < n; k++) {
      var w = widths[k];
      if (!(w >= 1 && w <= L.width && w === Math.floor(w))) return "Layer " + k + " (" + T.sym("l", k) + ") needs a whole number of values from 1 to " + L.width + ", not " + w;
    }
    if (widths[0] !== d.inputs[0].length) return "Layer 0 holds the dataset's " + d.inputs[0].length + " input values, not " + widths[0];
    if (widths[n - 1] !== d.goals[0].length) return "The last layer (" + T.sym("l", n - 1) + ") holds the dataset's " + d.goals[0].length + " goal value(s), not " + widths[n - 1];
    return "";
  };

  Playground.prototype.useWidths = function (text, field) {
    var t = String(text).trim();
    var words = t ? t.split(/[\s,×x-]+/) : [];
    if (!words.length) { field.say("Widths is empty: type the layer sizes, e.g. 3 4 1"); this.say(field.message.textContent); return; }
    var widths = [];
    for (var n = 0; n < words.length; n++) {
      if (!/^\d+$/.test(words[n])) { field.say("Widths must be whole numbers, e.g. 3 4 1, not \u201c" + words[n] + "\u201d"); this.say(field.message.textContent); return; }
      widths.push(+words[n]);
    }
    var problem = this.badWidths(widths);
    if (field.say(problem)) { this.say(problem); return; }
    this.newWidths(widths);
  };

  Playground.prototype.newWidths = function (widths) {
    this.stop();
    this.s.widths = widths;
    this.s.weights = K.random(widths, this.s.seed);
    this.errors = [];
    this.run = null;
    this.asked = false;
    this.structure();
    this.say("Widths " + widths.join("-") + ": new weights from seed " + this.s.seed + ", prediction " +
      T.vec(this.bp.trace.layers[widths.length - 1]));
  };

  Playground.prototype.layers = function (by) {
    var w = this.s.widths.slice();
    if (by > 0) w.splice(w.length - 1, 0, 4); else if (w.length > 2) w.splice(w.length - 2, 1); else w = [];
    var problem = w.length ? this.badWidths(w) : "A network needs at least 2 layers (the input and the output)";
    if (this.widthsField.say(problem)) { this.say(problem); return; }
    this.newWidths(w);
  };

  Playground.prototype.neuron = function (k, by) {
    var w = this.s.widths.slice();
    w[k] += by;
    var problem = this.badWidths(w);
    if (this.widthsField.say(problem)) { this.say(problem); return; }
    var focused = document.activeElement, name = focused && focused.getAttribute("aria-label");
    this.newWidths(w);
    // the buttons are made again: the keyboard stays on the one it pressed
    if (name && !focused.isConnected) {
      var again = Array.prototype.find.call(this.neurons.querySelectorAll("button"), function (b) { return b.getAttribute("aria-label") === name; });
      if (again) again.focus();
    }
  };

  Playground.prototype.useDataset = function (name) {
    if (!this.sets[name]) return;
    var d = this.sets[name], w = this.s.widths.slice();
    w[0] = d.inputs[0].length;
    w[w.length - 1] = d.goals[0].length;
    this.s.dataset = name;
    this.s.input = new Float64Array(d.inputs[0]);
    this.s.goal = new Float64Array(d.goals[0]);
    this.newWidths(w);
    this.say("Dataset: " + d.label + "; widths " + w.join("-") + ", new weights from seed " + this.s.seed);
  };

  /* training */

  // n iterations over the dataset, through the kernel; a non-finite error keeps the weights before it
  Playground.prototype.train = function (n, speak) {
    var s = this.s, d = this.set();
    var inputs = d.inputs.map(function (r) { return new Float64Array(r); });
    var goals = d.goals.map(function (r) { return new Float64Array(r); });
    var before = copied(s.weights), start = this.errors.length ? null : copied(before);
    var errors = K.train(s.weights, inputs, goals, s.alpha, n);
    var bad = errors.length && !isFinite(errors[errors.length - 1]);
    if (bad) {
      s.weights = before;
      errors = K.train(s.weights, inputs, goals, s.alpha, errors.length - 1);
      this.stop();
    }
    this.errors = this.errors.concat(errors);
    if (errors.length) this.logTrain(start, errors.length);
    this.render();
    if (bad) {
      this.say("Alpha " + T.num(s.alpha) + " is too large: the error overflowed after " + this.errors.length +
        " iterations. The weights are kept from just before; lower alpha or reset.");
    } else if (speak) {
      this.say("Trained " + n + " iteration" + (n === 1 ? "" : "s") + " (" + this.errors.length + " in all): error " +
        T.num(this.errors[this.errors.length - 1]));
    }
  };

  /* the run behind the curve, as the link carries it: the weights it started from and a log
     of what happened since (n iterations at an alpha, a weight typed), which the kernel
     replays on reload to the same weights and errors, bit for bit. null: not trained since
     the last reset; false: longer than a link replays (the link keeps the weights alone) */
  Playground.prototype.logTrain = function (start, n) {
    if (this.run === false) return;
    if (!this.run) this.run = { origin: start, log: [], n: 0 };
    var log = this.run.log, last = log[log.length - 1];
    this.run.n += n;
    if (this.run.n > this.limits.iterations) { this.run = false; return; }
    if (last && last.n && Object.is(last.alpha, this.s.alpha)) last.n += n;
    else log.push({ n: n, alpha: this.s.alpha });
  };

  Playground.prototype.logEdit = function (k, i, j, v) {
    if (!this.run) return;
    var log = this.run.log, last = log[log.length - 1];
    if (last && !last.n && last.k === k && last.i === i && last.j === j) last.v = v; // a nudge after a nudge
    else log.push({ k: k, i: i, j: j, v: v });
  };

  Playground.prototype.play = function () {
    if (this.playing) { this.stop(); this.say("Paused after " + this.errors.length + " iterations: error " + T.num(this.errors[this.errors.length - 1])); return; }
    if (reduced.matches) { this.train(JUMP, true); return; } // no animation: the end at once
    var self = this;
    this.playing = 1;
    this.say("Training: playing");
    var frame = function () {
      if (!self.playing || !self.root.isConnected) return;
      self.train(1, false);
      if (self.playing) self.playing = window.requestAnimationFrame(frame);
    };
    this.playing = window.requestAnimationFrame(frame);
    this.render();
  };

  Playground.prototype.stop = function () {
    if (!this.playing) return;
    window.cancelAnimationFrame(this.playing);
    this.playing = 0;
    this.render();
  };

  /* check yourself: one value of the reader's network, checked through the kernel */

  Playground.prototype.ask = function () {
    var s = this.s, L = s.weights.length, pick = function (n) { return Math.floor(Math.random() * n); };
    var kinds = ["sum", "delta", "update"], kind = kinds[(this.turn = ((this.turn || 0) + 1)) % 3];
    var k, i, j, text;
    if (kind === "sum") {
      k = pick(L); j = pick(s.widths[k + 1]);
      text = "What is the weighted sum (" + T.sym("l", k) + T.sym("W", k) + ")[" + j + "] going into " +
        T.sym("l", k + 1) + "[" + j + "]" + (k + 1 < L ? ", before relu?" : " (the prediction)?");
    } else if (kind === "delta") {
      k = 1 + pick(L); j = pick(s.widths[k]);
      text = "What is δ" + T.sym("", k) + "[" + j + "], the delta of " + T.sym("l", k) + "[" + j + "] for this input and goal?";
    } else {
      k = pick(L); i = pick(s.widths[k]); j = pick(s.widths[k + 1]);
      text = "After one training step on this input and goal (alpha as set), what does " + P.wname(k, i, j) + " become?";
    }
    this.quiz = { kind: kind, k: k, i: i, j: j };
    this.asked = true;
    this.question.textContent = text;
    this.verdict.textContent = "";
    this.answer.say("");
    this.answer.input.value = "";
  };

  Playground.prototype.truth = function () {
    var q = this.quiz, s = this.s;
    if (q.kind === "sum") return K.trace(s.weights, s.input).sums[q.k][q.j];
    if (q.kind === "delta") return K.backprop(s.weights, s.input, s.goal).deltas[q.k][q.j];
    var after = copied(s.weights);
    K.step(after, s.input, s.goal, s.alpha);
    return after[q.k].data[q.i * after[q.k].cols + q.j];
  };

  Playground.prototype.mark = function (text, field) {
    var got = T.parse(text, "Your answer", 1e12);
    if (field.say(got.error)) { this.say(got.error); return; }
    var truth = this.truth(), off = Math.abs(got.value - truth);
    var right = off <= Math.max(0.01, 0.01 * Math.abs(truth));
    this.verdict.textContent = (right ? "Right: " : "Not quite: ") + "the kernel gives " + T.num(truth) +
      (right ? "." : " (you typed " + T.num(got.value) + ").");
    this.verdict.setAttribute("data-right", String(right));
  };

  /* share: the state in the URL fragment; a bad fragment falls back with a message */

  // the link follows a moment after the last change (encoding it and replaceState cost a
  // few ms: not on every edit): the playground's address bar, a shown link's field
  Playground.prototype.share = function () {
    if (!this.full && this.linkField.hidden) return; // a lesson's link is made when asked for
    var self = this;
    window.clearTimeout(this.sharing);
    this.sharing = window.setTimeout(function () {
      self.sharing = 0; // nothing waits to reach the link (the tests wait for this)
      if (self.root.isConnected) self.shareNow();
    }, 150);
  };

  Playground.prototype.hash = function () {
    var hash = T.encode(this.s, K.random(this.s.widths, this.s.seed), this.run || null);
    return this.full ? hash : hash.replace("#pnn=1", "#pnn=1&f=" + encodeURIComponent(this.root.id));
  };

  Playground.prototype.shareNow = function () {
    var hash = this.hash();
    if (!this.linkField.hidden) this.linkField.value = location.href.split("#")[0] + hash;
    if (!this.full) return;
    // a bad link stays in the address bar until the reader changes something: material's
    // instant navigation may show the page again, and it must say again what was wrong
    if (hash === this.fallback) return;
    this.fallback = null;
    if (location.hash !== hash) history.replaceState(history.state, "", location.pathname + location.search + hash);
  };

  // a lesson's figure a link names comes into view (the playground's is at the top anyway)
  Playground.prototype.show = function () {
    if (!this.full && this.root.scrollIntoView) this.root.scrollIntoView({ block: "start" });
  };

  // whether a fragment's state is this figure's: one naming it (f=), or the playground's
  Playground.prototype.mine = function (f) {
    return !!f && (f.f === undefined ? this.full : f.f === this.root.id);
  };

  Playground.prototype.buildShare = function () {
    var self = this;
    this.linkField = h("input", { id: "pl" + (++count), type: "text", readonly: "", class: "pl-link",
      "aria-label": "This network's link", hidden: "" });
    this.linkField.addEventListener("focus", function () { self.linkField.select(); });
    return h("div", { class: "pl-panel pl-share", role: "group", "aria-label": "Share" }, [
      h("button", { type: "button", text: "Link to this network", onclick: function () { self.link(); } }),
      this.linkField,
      h("p", { class: "pl-note", text: "The link holds the whole network and its training run" +
        (this.full ? " (it is also the address bar's)" : "") + ": whoever opens it sees this figure as it is now." }),
    ]);
  };

  // the link at once, selected in its field (for Ctrl+C), and on the clipboard when allowed
  Playground.prototype.link = function () {
    var field = this.linkField, self = this;
    field.hidden = false;
    window.clearTimeout(this.sharing);
    this.sharing = 0;
    this.shareNow();
    field.focus();
    field.select();
    this.say("The link is selected: copy it with Ctrl+C (⌘C)");
    try {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () { self.say("The link is copied: paste it anywhere"); }, function () {});
      }
    } catch (e) { /* the selection stands */ }
  };

  Playground.prototype.restore = function () {
    var f = T.fields(location.hash);
    if (!f) return;
    var problem = this.read(f);
    if (problem) {
      this.s = this.initial();
      this.errors = [];
      this.run = null;
      this.fallback = this.hash();
      this.warn("This link's network could not be read (" + problem + "), so " +
        (this.full ? "the playground" : "this figure") + " starts from seed " +
        this.s.seed + " instead.");
    }
  };

  // the fragment's state, checked field by field; returns what is wrong, or "" once it is in place
  Playground.prototype.read = function (f) {
    var L = this.limits;
    if (f.bad) return "a part of it is not valid text";
    if (f.pnn !== "1") return "it is from another version of this page";
    var names = { w: "widths", s: "seed", d: "dataset", x: "input", g: "goal", a: "alpha", p: "picture style" };
    for (var key in names) if (f[key] === undefined) return "it has no " + names[key] + " (" + key + "=)";
    var d = this.sets[f.d];
    if (!d) return "there is no dataset \u201c" + f.d + "\u201d";
    var keep = this.s.dataset;
    this.s.dataset = f.d;
    var widths = (f.w || "").split("-").map(function (w) { return /^\d+$/.test(w) ? +w : NaN; });
    var problem = this.badWidths(widths);
    this.s.dataset = keep;
    if (problem) return problem.charAt(0).toLowerCase() + problem.slice(1);
    var seed = whole(f.s, "the seed", 0, L.seed);
    if (seed.error) return seed.error;
    var numbers = function (text, n, what) {
      var parts = (text || "").split(",");
      if (parts.length !== n) return { error: what + " needs " + n + " value(s)" };
      var out = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        var got = T.parse(parts[i], what + "[" + i + "]", L.weight);
        if (got.error) return got;
        out[i] = got.value;
      }
      return { value: out };
    };
    var x = numbers(f.x, widths[0], "the input " + T.sym("l", 0));
    if (x.error) return x.error;
    var goal = numbers(f.g, widths[widths.length - 1], "the goal");
    if (goal.error) return goal.error;
    var alpha = T.parse(f.a, "alpha", L.alpha);
    if (alpha.error || !(alpha.value > 0)) return alpha.error || "alpha must be above 0";
    if (f.p !== "detailed" && f.p !== "blocks") return "the picture style must be detailed or blocks";
    var weights = K.random(widths, seed.value);
    var edits = f.e ? f.e.split(",") : [];
    for (var n = 0; n < edits.length; n++) {
      var wrong = edit(weights, edits[n], L.weight);
      if (wrong) return wrong;
    }
    var run = null, errors = [];
    if (f.t !== undefined) {
      run = { origin: copied(weights), log: [], n: 0 };
      var rows = d.inputs.map(function (r) { return new Float64Array(r); });
      var goals = d.goals.map(function (r) { return new Float64Array(r); });
      var items = f.t.split(",");
      for (n = 0; n < items.length; n++) {
        var m = /^(\d+)@(.*)$/.exec(items[n]);
        if (!m) {
          wrong = edit(weights, items[n], L.weight);
          if (wrong) return "its training run " + wrong.replace(/^it /, "");
          var at = items[n].split(/[.:]/);
          run.log.push({ k: +at[0], i: +at[1], j: +at[2], v: weights[+at[0]].data[+at[1] * weights[+at[0]].cols + +at[2]] });
          continue;
        }
        var a = T.parse(m[2], "the training run's alpha", L.alpha);
        if (a.error || !(a.value > 0)) return a.error || "the training run's alpha must be above 0";
        run.n += +m[1];
        if (!(+m[1] >= 1) || run.n > L.iterations) return "its training run must be 1 to " + L.iterations + " iterations long";
        var more = K.train(weights, rows, goals, a.value, +m[1]);
        if (!isFinite(more[more.length - 1])) return "its training run's error overflows by iteration " + (errors.length + more.length);
        for (var e = 0; e < more.length; e++) errors.push(more[e]);
        run.log.push({ n: +m[1], alpha: a.value });
      }
    }
    this.s = { widths: widths, seed: seed.value, weights: weights, input: x.value, goal: goal.value,
      alpha: alpha.value, dataset: f.d, style: f.p };
    this.errors = errors;
    this.run = run;
    return "";
  };

  // one k.i.j:value of a link into weights; what is wrong with it, or ""
  function edit(weights, text, limit) {
    var m = /^(\d+)\.(\d+)\.(\d+):(.*)$/.exec(text);
    var w = m && weights[+m[1]];
    if (!w || +m[2] >= w.rows || +m[3] >= w.cols) return "it names a weight the network does not have (" + text + ")";
    var v = T.parse(m[4], P.wname(+m[1], +m[2], +m[3]), limit);
    if (v.error) return v.error;
    w.data[+m[2] * w.cols + +m[3]] = v.value;
    return "";
  }

  /* copy the code: the clipboard when it is allowed, else a selection to copy by hand */

  Playground.prototype.copy = function () {
    var text = this.code.textContent, self = this;
    // select it first: a clipboard the browser never answers (a file:// page, a denied
    // permission) still leaves the reader a selection to copy by hand
    var range = document.createRange();
    range.selectNodeContents(self.code);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    self.say("The code is selected: copy it with Ctrl+C (⌘C)");
    var done = function () { self.say("The code is copied: paste it into Python"); };
    try {
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, function () {});
    } catch (e) { /* the selection stands */ }
  };

  /* start each live figure of the page when a reader nears it, or points at or focuses it
     first: a figure far down the page costs nothing at start-up. Until then its static
     picture stands and it holds a screen's height (playground.css), so whatever follows
     it is off screen and nothing a reader sees moves when it starts. */

  function startOne(root) {
    if (root.pnnPlayground || root.classList.contains("pl-on") || !root.hasAttribute("data-state")) return;
    try {
      new Playground(root, JSON.parse(root.getAttribute("data-state")));
    } catch (error) { // a bug: never leave a half-built figure, back to the static picture
      var ui = root.querySelector(".pl-ui");
      if (ui) ui.remove();
      root.classList.remove("pl-on");
      console.error("playground could not start: " + error);
    }
  }

  // within half a screen of the viewport: running by the time it is read
  var near = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      near.unobserve(entry.target);
      startOne(entry.target);
    });
  }, { rootMargin: "50% 0px" }) : null;

  function first(e) { startOne(e.currentTarget); }

  function startAll() {
    if (!K || !T || !P) return; // a script is missing: the static picture stays
    if (near) near.disconnect(); // the figures of the page before are gone
    Array.prototype.forEach.call(document.querySelectorAll("div.pnn-live:not(.pl-on)"), function (root) {
      if (root.pnnPlayground || !root.hasAttribute("data-state")) return; // mid-navigation
      if (!near) { startOne(root); return; }
      near.observe(root);
      root.addEventListener("focusin", first, { once: true });
      root.addEventListener("pointerover", first, { once: true });
    });
    named();
  }

  // the lesson's figure a link names (f=its id) starts at once, and comes into view
  function named() {
    var f = T.fields(location.hash), root = f && f.f && document.getElementById(f.f);
    if (!root || !root.classList.contains("pnn-live") || root.classList.contains("pl-on")) return;
    startOne(root);
    if (root.pnnPlayground) root.pnnPlayground.show();
  }

  // a link to another network pasted while this page is open changes only the fragment
  window.addEventListener("hashchange", function () {
    if (!K || !T || !P) return;
    named();
    Array.prototype.forEach.call(document.querySelectorAll(".pnn-live.pl-on"), function (root) {
      var pg = root.pnnPlayground;
      if (pg && pg.mine(T.fields(location.hash))) { pg.stop(); pg.warn(""); pg.restore(); pg.structure(); pg.show(); }
    });
  });

  startAll();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(startAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
})();
