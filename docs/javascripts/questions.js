// "Check yourself": compare a reader's reply with the answer picturenn computed
// while the site was built (the question's data-answer; see
// src/picturenn_docs/engines/questions.py). Nothing is computed here but the comparison.
// Without this script the form stays hidden and the answer sits in its details
// block. document$ fires on every page load, instant navigation included.
(() => {
  // The same rules as questions.normalize in Python (a browser test checks both agree).
  const normalize = (text) => {
    let t = text.normalize("NFKC").toLowerCase().replace(/\u2212/g, "-");
    t = t.split("=").pop();
    t = t.replace(/[×*,]|\bby\b/g, "x").replace(/[\s_·$\\{}]/g, "");
    const enclosed = /^[([](.*)[)\]]$/.exec(t);
    return enclosed ? enclosed[1] : t;
  };

  const reply = (question, form) => {
    if (question.dataset.kind === "choice") {
      const picked = form.querySelector("input[type=radio]:checked");
      return picked ? picked.value : "";
    }
    return form.querySelector("input").value.trim();
  };

  const isRight = (question, given) => {
    const { kind, answer, tolerance } = question.dataset;
    if (kind === "number") {
      let text = given.replace(/\u2212/g, "-").replace(/\s/g, "");
      if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, "");  // 79,400
      const number = Number(text);
      return given !== "" && Number.isFinite(number) &&
        Math.abs(number - Number(answer)) <= Number(tolerance);
    }
    if (kind === "text") return normalize(given) === answer;
    return given === answer;
  };

  const check = (question, form) => {
    const feedback = form.querySelector(".pnn-question__feedback");
    const details = question.querySelector("details");
    const given = reply(question, form);
    question.classList.remove("pnn-question--right", "pnn-question--wrong");
    if (given === "") {
      feedback.textContent = question.dataset.kind === "choice"
        ? "Pick one of the answers first."
        : "Type an answer first.";
      return;
    }
    const right = isRight(question, given);
    question.classList.add(right ? "pnn-question--right" : "pnn-question--wrong");
    if (right) {
      feedback.textContent =
        `Right: ${question.dataset.shown}. The worked answer is open below.`;
      if (details) details.open = true;
    } else {
      feedback.textContent =
        `Not quite: ${given} is not it. Try again, or open the answer below.`;
    }
  };

  const start = () => {
    for (const question of document.querySelectorAll(".pnn-question")) {
      const form = question.querySelector(".pnn-question__form");
      if (!form || form.dataset.ready) continue;
      form.dataset.ready = "1";
      form.hidden = false;
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        check(question, form);
      });
    }
  };

  window.picturennQuestions = { normalize };  // for the browser test of normalize
  if (typeof document$ !== "undefined") document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
