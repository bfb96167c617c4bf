// Small accessibility repairs to the theme's markup, found by axe-core
// (tests/browser/test_browser.py). document$ fires on every page load,
// instant navigation included, so they are re-applied each time.
document$.subscribe(() => {
  // The search overlay is a dialog: give it a name screen readers announce.
  for (const dialog of document.querySelectorAll(".md-search[role=dialog]")) {
    dialog.setAttribute("aria-label", "Search this site");
  }
  // Notebook code cells scroll sideways: let keyboard users reach them.
  for (const cell of document.querySelectorAll(".jupyter-wrapper .highlight-ipynb")) {
    cell.tabIndex = 0;
  }
});
