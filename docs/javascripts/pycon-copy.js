// The copy button on a ">>>" session copies only its code, so what a reader
// pastes into a file or a Python prompt runs. The rule is doctest's: a ">>> "
// line and the "... " lines right after it are code; every other line is
// output. A blank line closes each multi-line statement, as a prompt needs.
// mkdocs-material copies an element's data-copy attribute when it has one.
function pyconSource(session) {
  const code = [];
  let inStatement = false;
  let multiLine = false;
  for (const line of session.split("\n")) {
    if (/^>>>( |$)/.test(line)) {
      if (multiLine) code.push("");
      code.push(line.slice(4));
      inStatement = true;
      multiLine = false;
    } else if (inStatement && /^\.\.\.( |$)/.test(line)) {
      code.push(line.slice(4));
      multiLine = true;
    } else {
      inStatement = false;
    }
  }
  return code.join("\n");
}

document$.subscribe(() => {
  for (const code of document.querySelectorAll(".language-pycon pre > code")) {
    code.closest(".highlight").dataset.copy = pyconSource(code.textContent);
  }
});
