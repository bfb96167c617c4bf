/* Widgets: linked views, step-through players and the training replay.
 *
 * The browser never computes the network. Every value shown here was computed
 * by picturenn while the site was built and shipped as data; this script only
 * chooses which state to show. Without it the page shows the static picture,
 * algebra and code.
 *
 * A widget costs nothing until a reader nears it: its states (a file beside the
 * site's assets, named by <script class="pnn-data" data-states>, or inline JSON
 * in the page) are loaded and the widget started only when it comes within a
 * screen of the viewport, or is focused or pointed at first. The states file is
 * a script, not fetched JSON, so the copy opened from disk (file://) works too.
 * Restarts on every page of material's instant navigation (document$).
 */
(function () {
  "use strict";

  var reduced = window.matchMedia("(prefers-reduced-motion: reduce)");
  // the figures' breakpoint (extra.css): below it a player shows its phone layout, if it has one
  var phone = window.matchMedia("(max-width: 719.98px)");
  var STEP_MS = 1400;

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  // states files register themselves here: pnnStates[their file name] = {...}
  var states = (window.pnnStates = window.pnnStates || {});

  // the widget's states, inline or from their file (loaded once per page view)
  function withData(widget, then) {
    var el = widget.querySelector(".pnn-data");
    var src = el.getAttribute("data-states");
    if (!src) { then(JSON.parse(el.textContent)); return; }
    var key = src.split("/").pop().replace(/\.js$/, "");
    if (states[key]) { then(states[key]); return; }
    var script = document.createElement("script");
    script.src = src; // relative to the page, like its images: works over http and file://
    // reading the states and starting the widget: two tasks, so neither holds the page long
    script.onload = function () { window.setTimeout(function () { then(states[key]); }, 0); };
    script.onerror = function () { console.error("widget states missing: " + src); };
    document.head.appendChild(script);
  }

  /* -- linked views: one part lights up in every view, with a card ------------------- */

  function Linked(widget, parts) {
    this.widget = widget;
    this.parts = parts;
    this.card = widget.querySelector(".pnn-card");
    this.fixed = []; // a player's current parts stay lit under the hover
    this.prepare();
    var self = this;
    widget.addEventListener("mouseover", function (e) { self.enter(e.target, false); });
    widget.addEventListener("mouseout", function (e) {
      if (!widget.contains(e.relatedTarget) || !closestPart(e.relatedTarget)) self.leave();
    });
    widget.addEventListener("focusin", function (e) { self.enter(e.target, true); });
    widget.addEventListener("focusout", function () { self.leave(); });
    widget.addEventListener("keydown", function (e) {
      if (e.key === "Escape") self.leave();
    });
  }

  function closestPart(node) {
    while (node && node.nodeType === 1) {
      if (node.hasAttribute("data-part")) return node;
      node = node.parentNode;
    }
    return null;
  }

  Linked.prototype.prepare = function () {
    var parts = this.parts;
    var widget = this.widget;
    each(widget.querySelectorAll(".pnn-view"), function (view) {
      var seen = {};
      each(view.querySelectorAll("[data-part]"), function (el) {
        var id = el.getAttribute("data-part");
        if (!parts[id]) return;
        el.classList.add("pnn-part");
        if (seen[id]) return; // one tab stop per part and view
        seen[id] = true;
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "img");
        el.setAttribute("aria-label", parts[id].name);
      });
    });
  };

  Linked.prototype.light = function (ids) {
    each(this.widget.querySelectorAll(".pnn-hl"), function (el) { el.classList.remove("pnn-hl"); });
    var widget = this.widget;
    ids.forEach(function (id) {
      each(widget.querySelectorAll('[data-part="' + id + '"]'), function (el) {
        el.classList.add("pnn-hl");
      });
    });
  };

  Linked.prototype.enter = function (target, focused) {
    var el = closestPart(target);
    if (!el || !this.parts[el.getAttribute("data-part")]) return;
    var id = el.getAttribute("data-part");
    this.light([id]);
    this.show(id, el);
    if (focused) el.classList.add("pnn-focus");
  };

  Linked.prototype.leave = function () {
    each(this.widget.querySelectorAll(".pnn-focus"), function (el) { el.classList.remove("pnn-focus"); });
    this.card.hidden = true;
    this.light(this.fixed);
  };

  Linked.prototype.show = function (id, el) {
    var part = this.parts[id];
    var card = this.card;
    card.textContent = "";
    line(card, "strong", part.name);
    line(card, "span", "shape " + part.shape);
    if (part.values) line(card, "span", "values " + part.values);
    card.hidden = false;
    var box = el.getBoundingClientRect();
    var home = this.widget.getBoundingClientRect();
    var left = Math.min(box.left - home.left, home.width - card.offsetWidth);
    card.style.left = Math.max(0, left) + "px";
    card.style.top = box.bottom - home.top + 6 + "px";
  };

  function line(parent, tag, text) {
    var el = document.createElement(tag);
    el.textContent = text;
    parent.appendChild(el);
    return el;
  }

  /* -- players: steps of a forward or backward pass ---------------------------------- */

  function Player(widget, play) {
    this.widget = widget;
    this.play = play;
    // the laptop layout, as drawn (before any part is prepared), and the layout shown now
    this.laptop = widget.pnnLaptop || widget.querySelector(".pnn-picture svg").outerHTML;
    this.current = widget.pnnShown || this.laptop;
    // every piece of the picture some pattern shows, hides or writes otherwise
    var varying = {};
    Object.keys(play.patterns).forEach(function (name) {
      Object.keys(play.patterns[name].picture).forEach(function (key) { varying[key] = true; });
    });
    this.varying = Object.keys(varying);
    this.pattern = play.start;
    this.step = 0;
    this.timer = null;
    this.controls = widget.querySelector(".pnn-controls");
    this.live = widget.querySelector(".pnn-said");
    this.count = widget.querySelector(".pnn-count");
    this.button = widget.querySelector('[data-act="play"]');
    var caption = widget.querySelector(".pnn-picture figcaption");
    this.caption = caption ? caption.textContent : "";
    this.linked = new Linked(widget, play.patterns[this.pattern].parts);
    this.controls.hidden = false;
    var self = this;
    each(widget.querySelectorAll("[data-act]"), function (b) {
      b.addEventListener("click", function () { self.act(b.getAttribute("data-act")); });
    });
    each(widget.querySelectorAll(".pnn-lamp"), function (b) {
      b.addEventListener("click", function () { self.toggle(+b.getAttribute("data-lamp")); });
    });
    this.controls.addEventListener("keydown", function (e) {
      if (e.key === "ArrowRight") { self.act("next"); e.preventDefault(); }
      if (e.key === "ArrowLeft") { self.act("prev"); e.preventDefault(); }
    });
    // the page holds the laptop layout; a phone gets the stacked one, and a turned phone either
    var relayout = function () {
      if (!self.widget.isConnected) { phone.removeEventListener("change", relayout); return; }
      self.swap();
      self.show(false);
    };
    if (phone.addEventListener) phone.addEventListener("change", relayout);
    if (this.picture() !== this.current) this.swap(); // else the page shows the start already
    this.show(false);
  }

  Player.prototype.picture = function () {
    return (phone.matches && this.play.phone_svg) || this.laptop;
  };

  Player.prototype.steps = function () { return this.play.patterns[this.pattern].steps; };

  Player.prototype.act = function (what) {
    var last = this.steps().length - 1;
    if (what !== "play") this.stop();
    if (what === "next") this.step = Math.min(last, this.step + 1);
    if (what === "prev") this.step = Math.max(0, this.step - 1);
    if (what === "reset") { this.step = 0; this.pattern = this.play.start; this.paint(); }
    if (what === "play") { if (this.timer) this.stop(); else this.start(); return; }
    this.show(true);
  };

  Player.prototype.start = function () {
    var self = this;
    if (this.step >= this.steps().length - 1) this.step = -1;
    this.button.textContent = "Pause";
    var tick = function () {
      if (self.step >= self.steps().length - 1) { self.stop(); return; }
      self.step += 1;
      self.show(true);
    };
    tick();
    this.timer = window.setInterval(tick, STEP_MS);
  };

  Player.prototype.stop = function () {
    if (this.timer) window.clearInterval(this.timer);
    this.timer = null;
    this.button.textContent = "Play";
  };

  Player.prototype.toggle = function (lamp) {
    var bits = this.pattern.split("");
    bits[lamp] = bits[lamp] === "1" ? "0" : "1";
    this.pattern = bits.join("");
    this.stop();
    this.paint();
    this.show(true);
  };

  Player.prototype.swap = function () {
    // the other screen's layout of the one picture (drawn by the build), then this pattern on it
    var old = this.widget.querySelector(".pnn-picture svg");
    var holder = document.createElement("div");
    holder.innerHTML = this.current = this.picture();
    old.parentNode.replaceChild(holder.firstElementChild, old);
    this.paint();
  };

  Player.prototype.paint = function () {
    // this pattern on the one picture: its pieces shown, the others hidden, its numbers
    // written (all computed by the build; the page's SVG starts as the start pattern)
    var pattern = this.play.patterns[this.pattern];
    var svg = this.widget.querySelector(".pnn-picture svg");
    var prefix = this.widget.id + "-";
    this.varying.forEach(function (key) {
      var el = svg.querySelector('[id="' + prefix + key + '"]');
      if (!Object.prototype.hasOwnProperty.call(pattern.picture, key)) {
        el.setAttribute("visibility", "hidden");
        return;
      }
      el.removeAttribute("visibility");
      var text = pattern.picture[key];
      if (typeof text === "string") el.querySelector("text").textContent = text;
    });
    svg.setAttribute("aria-label", pattern.alt);
    this.widget.querySelector(".pnn-code").innerHTML = this.play.codes[this.pattern];
    var caption = this.widget.querySelector(".pnn-picture figcaption");
    if (caption) {
      caption.textContent = this.pattern === this.play.start ? this.caption : pattern.caption;
    }
    this.linked.parts = pattern.parts;
    this.linked.prepare();
  };

  Player.prototype.show = function (speak) {
    var steps = this.steps();
    var state = steps[this.step];
    var widget = this.widget;
    var pattern = this.pattern;
    each(widget.querySelectorAll(".pnn-lamp"), function (b) {
      b.setAttribute("aria-pressed", pattern.charAt(+b.getAttribute("data-lamp")) === "1" ? "true" : "false");
    });
    each(widget.querySelectorAll(".pnn-picture svg [id]"), function (el) {
      el.classList.remove("pnn-hidden");
    });
    (state.hide || []).forEach(function (id) {
      var el = widget.querySelector('[id="' + widget.id + "-" + id + '"]');
      if (el) el.classList.add("pnn-hidden");
    });
    this.linked.fixed = state.parts;
    this.linked.light(state.parts);
    if (speak) { // a step the reader took (the first shows the picture's start: no scrolling)
      var lit = Array.prototype.filter.call( // the last shown is the newest panel
        widget.querySelectorAll(".pnn-picture .pnn-hl"),
        function (el) { return getComputedStyle(el).visibility !== "hidden"; });
      reveal(widget.querySelector(".pnn-picture"), lit[lit.length - 1]);
    }
    var said = "Step " + (this.step + 1) + " of " + steps.length;
    this.count.textContent = said;
    if (speak) this.live.textContent = said + ": " + state.say;
    else this.live.textContent = "";
    widget.setAttribute("data-step", String(this.step + 1));
    widget.setAttribute("data-pattern", pattern);
  };

  // a picture wider than the page scrolls sideways: bring the step's part into view
  function reveal(scroller, el) {
    if (!el || scroller.scrollWidth <= scroller.clientWidth) return;
    var box = el.getBoundingClientRect();
    var frame = scroller.getBoundingClientRect();
    if (box.left >= frame.left && box.right <= frame.right) return;
    var target = scroller.scrollLeft + box.left - frame.left - (frame.width - box.width) / 2;
    scroller.scrollTo({ left: Math.max(0, target), behavior: reduced.matches ? "auto" : "smooth" });
  }


  /* -- the training replay: a slider over every state of the book's run ------------- */

  function Train(widget, d) {
    var run = d.train;
    var slider = widget.querySelector('input[type="range"]');
    var status = widget.querySelector(".pnn-status");
    var button = widget.querySelector('[data-act="play"]');
    var card = widget.querySelector(".pnn-card");
    var curve = widget.querySelector(".pnn-curve svg");
    var rows = widget.querySelectorAll(".pnn-predictions tbody tr");
    var lamps = [];
    each(rows, function (tr) { lamps.push(tr.cells[0].textContent); });
    var lines = [];
    each(widget.querySelectorAll('.pnn-picture g[id*="-w-"]'), function (g) {
      var at = g.id.split("-w-")[1].split("-").map(Number);
      lines.push({ g: g, path: g.querySelector("path"), key: at.join(",") });
    });
    // the order of the data's weights: W0 row by row, then W1
    var order = {};
    run.names.forEach(function (name, n) {
      var m = name.match(/\[(\d+),(\d+)\]/);
      var k = name.charAt(1) === "\u2080" ? 0 : 1;
      order[[k, m[1], m[2]].join(",")] = n;
    });
    var largest = parseFloat(run.colours.largest);
    var timer = null;
    var now = 0;
    widget.querySelector(".pnn-controls").hidden = false;

    function said(step) {
      if (step.it < 0) return "Start, before training: error " + step.error;
      return "Iteration " + step.it + ", row " + step.row + " (lamps " + lamps[step.row] +
        "): error so far this iteration " + step.error;
    }

    function show(i) {
      now = i;
      var step = run.steps[i];
      lines.forEach(function (line) {
        var w = step.w[order[line.key]];
        line.path.style.stroke = w > 0 ? run.colours.pos : run.colours.neg;
        line.path.style.strokeWidth = Math.max(0.5, Math.min(3.4, 2.6 * Math.abs(w) / largest)) + "px";
      });
      each(rows, function (tr, r) {
        tr.querySelector(".pnn-p").textContent = step.p[r];
        tr.classList.toggle("pnn-current", step.it >= 0 && r === step.row);
      });
      var it = Math.max(0, step.it);
      var p0 = run.points[0];
      var p = run.points[it];
      var cursor = curve.querySelector('[id$="-cursor"]');
      var dot = curve.querySelector('[id$="-dot"]');
      if (cursor) cursor.setAttribute("transform", "translate(" + (p[0] - p0[0]) + " 0)");
      if (dot) dot.setAttribute("transform", "translate(" + (p[0] - p0[0]) + " " + (p[1] - p0[1]) + ")");
      slider.value = String(i);
      slider.setAttribute("aria-valuetext", said(step));
      status.textContent = said(step);
      widget.setAttribute("data-step", String(i));
    }

    function stop() {
      if (timer) window.clearInterval(timer);
      timer = null;
      button.textContent = "Play";
    }

    slider.addEventListener("input", function () { stop(); show(+slider.value); });
    widget.querySelector('[data-act="reset"]').addEventListener("click", function () { stop(); show(0); });
    button.addEventListener("click", function () {
      if (timer) { stop(); return; }
      if (now >= run.steps.length - 1) show(0);
      button.textContent = "Pause";
      timer = window.setInterval(function () {
        if (now >= run.steps.length - 1) { stop(); return; }
        show(now + 1);
      }, 120);
    });

    function place(x, y) {
      var home = widget.getBoundingClientRect();
      card.hidden = false;
      card.style.left = Math.max(0, Math.min(x - home.left, home.width - card.offsetWidth)) + "px";
      card.style.top = y - home.top + 12 + "px";
    }

    function tell(texts) {
      card.textContent = "";
      texts.forEach(function (t, n) { line(card, n ? "span" : "strong", t); });
    }

    lines.forEach(function (l) {
      l.g.addEventListener("mouseover", function (e) {
        var n = order[l.key];
        var step = run.steps[now];
        tell([run.names[n], "w = " + step.w[n] + " at this step",
              "its term for row " + step.row + " (w × the value below): " + step.t[n]]);
        place(e.clientX, e.clientY);
        l.g.classList.add("pnn-hl");
      });
      l.g.addEventListener("mouseout", function () { card.hidden = true; l.g.classList.remove("pnn-hl"); });
    });

    curve.addEventListener("mousemove", function (e) {
      var pt = curve.createSVGPoint();
      pt.x = e.clientX;
      pt.y = e.clientY;
      var at = pt.matrixTransform(curve.getScreenCTM().inverse());
      var best = 0;
      run.points.forEach(function (p, n) {
        if (Math.abs(p[0] - at.x) < Math.abs(run.points[best][0] - at.x)) best = n;
      });
      tell(["iteration " + best, "error " + run.errors[best]]);
      place(e.clientX, e.clientY);
    });
    curve.addEventListener("mouseleave", function () { card.hidden = true; });
    show(0);
  }

  /* -- start every widget of the page when a reader nears it ------------------------ */

  function setup(widget) {
    if (widget.getAttribute("data-pnn-ready") || widget.pnnStarting) return;
    widget.pnnStarting = true;
    withData(widget, function (d) {
      whenImagesSettle(widget, function () { start(widget, d); });
    });
  }

  function start(widget, d) {
    if (!widget.isConnected) return; // instant navigation moved on meanwhile
    inflate(widget, d);
    var kind = widget.getAttribute("data-pnn");
    if (kind === "linked") new Linked(widget, d.parts);
    else if (kind === "forward" || kind === "backward") new Player(widget, d.player);
    else if (kind === "train") Train(widget, d);
    widget.setAttribute("data-pnn-ready", "1");
    widget.classList.add("pnn-ready");
    if (window.performance && performance.mark) performance.mark("pnn-ready"); // make bench
    if (reduced.matches) widget.classList.add("pnn-still");
  }

  // the images the inline pictures replace, once each has loaded or failed: replaced while
  // still arriving, an image's request is cancelled, a failed request on a slow page
  function whenImagesSettle(widget, then) {
    var images = widget.querySelectorAll("[data-pnn-svg] img, img[data-pnn-svg]");
    var arriving = [].filter.call(images, function (img) { return !img.complete; });
    var left = arriving.length;
    if (!left) { then(); return; }
    arriving.forEach(function (img) {
      function settled() { if (--left === 0) then(); }
      img.addEventListener("load", settled, { once: true });
      img.addEventListener("error", settled, { once: true });
    });
  }

  // the page shows each picture as an image of its file (picturenn_docs/widgets/states.py):
  // its inline markup, which the views light and step through, takes the image's place, at
  // the image's size; a player's on a phone is the phone's picture at once
  function inflate(widget, d) {
    var svgs = d.svgs || [];
    var phoneSvg = d.player && d.player.phone_svg;
    widget.pnnLaptop = svgs[0];
    each(widget.querySelectorAll("[data-pnn-svg]"), function (el) {
      var n = +el.getAttribute("data-pnn-svg");
      var text = n === 0 && phoneSvg && phone.matches ? phoneSvg : svgs[n];
      if (!text) return;
      var holder = document.createElement("div");
      holder.innerHTML = text;
      el.parentNode.replaceChild(holder.firstElementChild, el);
      if (n === 0) widget.pnnShown = text;
    });
  }

  // within a screen's height of the viewport: early enough to be running when seen
  var near = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      near.unobserve(entry.target);
      setup(entry.target);
    });
  }, { rootMargin: "100% 0px" }) : null;

  function first(e) { setup(e.currentTarget); }

  function startAll() {
    if (near) near.disconnect(); // the widgets of the page before are gone
    each(document.querySelectorAll(".pnn-widget"), function (widget) {
      if (!near) { setup(widget); return; }
      near.observe(widget);
      widget.addEventListener("focusin", first, { once: true });
      widget.addEventListener("pointerover", first, { once: true });
    });
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(startAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
  else startAll();
})();
