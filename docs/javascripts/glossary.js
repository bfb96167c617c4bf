// Glossary terms (<abbr title="...">, from docs/includes/glossary.md) show their
// meaning in material's tooltip on hover. An <abbr> cannot take keyboard focus, so
// a keyboard reader would never see it: give the first use of each term on a page
// a tab stop (material's tooltip opens on focus as well as on hover). Only the
// first, so a page does not gain dozens of tab stops; never inside a link, which
// is focusable already (a tab stop inside another one is not allowed).
document$.subscribe(() => {
  const seen = new Set();
  for (const term of document.querySelectorAll(".md-content abbr[title]")) {
    const name = term.textContent.trim().toLowerCase();
    if (seen.has(name) || term.closest("a, button, summary, label")) continue;
    seen.add(name);
    term.tabIndex = 0;
  }
});
