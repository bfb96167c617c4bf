// Copy buttons copy what runs when pasted, not the transcript around it.
// mkdocs-material copies an element's data-copy attribute when it has one.
//
// A ">>>" session (pycon): the rule is doctest's. A ">>> " line and the "... "
// lines right after it are code; every other line is output. A blank line
// closes each multi-line statement, as a prompt needs. A "# doctest:"
// directive is for the test runner and is left out.
function pyconSource(session) {
  const code = [];
  let inStatement = false;
  let multiLine = false;
  for (const line of session.split("\n")) {
    if (/^>>>( |$)/.test(line)) {
      if (multiLine) code.push("");
      code.push(withoutDirective(line.slice(4)));
      inStatement = true;
      multiLine = false;
    } else if (inStatement && /^\.\.\.( |$)/.test(line)) {
      code.push(withoutDirective(line.slice(4)));
      multiLine = true;
    } else {
      inStatement = false;
    }
  }
  return code.join("\n");
}

function withoutDirective(line) {
  return line.replace(/\s*#\s*doctest:.*$/, "");
}

// A shell session (console): the commands after "$ ", without their output.
function consoleSource(session) {
  return session
    .split("\n")
    .filter((line) => /^\$ /.test(line))
    .map((line) => line.slice(2))
    .join("\n");
}

document$.subscribe(() => {
  const sources = { pycon: pyconSource, console: consoleSource };
  for (const [language, source] of Object.entries(sources)) {
    for (const code of document.querySelectorAll(`.language-${language} pre > code`)) {
      code.closest(".highlight").dataset.copy = source(code.textContent);
    }
  }
});
