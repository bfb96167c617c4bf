"""Full builds of a copy of the site: failures name page and line; warm builds recompute nothing."""

from __future__ import annotations

import json

import pytest

from picturenn_docs.core.blocks import find_blocks

from .site_copy import build, clone, line_of, minimal_copy, summary

pytestmark = pytest.mark.slow

WORK = ("run", "drawn", "rendered", "executed")


# `project`: the session's one cold build of a copy (tests/conftest.py); tests clone it


def recomputed(counts):
    return {stage: {w: n for w, n in c.items() if w in WORK and n} for stage, c in counts.items()}


def test_the_first_build_runs_everything_and_serves_figures_from_outside_docs(project):
    counts = json.loads((project / "first-build.json").read_text())["counts"]
    assert counts["examples"]["run"] > 0
    assert counts["examples"]["run"] == counts["examples"]["passed"]
    assert counts["doctests"]["run"] > 0
    assert counts["fences"]["rendered"] > 0
    assert counts["figures"]["drawn"] > 0
    assert counts["notebooks"].get("executed", 0) == len(list(project.glob("docs/**/*.ipynb")))
    figures = list((project / "site" / "assets" / "picturenn").glob("*.svg"))
    assert figures
    assert not list((project / "docs").rglob("assets/picturenn"))


def test_a_second_build_with_nothing_changed_recomputes_nothing(project, tmp_path):
    root = clone(project, tmp_path)
    cold = summary(root)
    result = build(root)
    assert result.returncode == 0, result.stderr
    warm = summary(root)
    assert recomputed(warm) == {stage: {} for stage in warm}
    assert warm["examples"]["cached"] == cold["examples"]["run"] + cold["examples"]["cached"]
    assert warm["fences"]["cached"] == cold["fences"]["rendered"]
    assert warm["doctests"]["cached"] == cold["doctests"]["run"]
    assert warm["notebooks"].get("cached", 0) == cold["notebooks"].get("executed", 0)
    assert "picturenn: every example, fence, doctest and notebook checked" in result.stderr


def test_editing_the_package_recomputes_everything_that_depends_on_it(project, tmp_path):
    root = clone(project, tmp_path)
    cold = summary(root)
    datasets = root / "src" / "picturenn" / "datasets.py"
    text = datasets.read_text()
    datasets.write_text(text + "\n# a comment line: no code changed\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    # only the API reference again: mkdocstrings reads the source text itself, comments too
    work = {stage: done for stage, done in recomputed(summary(root)).items() if done}
    assert work == {"api": {"rendered": cold["api"]["rendered"]}}
    datasets.write_text(text + "\n_EDITED = 1  # code: every result that imports it may differ\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    again = summary(root)
    assert again["kernel"].get("run") == 1
    assert again["doctests"]["run"] == cold["doctests"]["run"]
    assert again["fences"]["rendered"] == cold["fences"]["rendered"]
    assert again["examples"]["run"] == cold["examples"]["run"]
    assert again["notebooks"].get("executed", 0) == cold["notebooks"].get("executed", 0)


def test_editing_one_engine_reruns_only_its_own_kind(project, tmp_path):
    root = clone(project, tmp_path)
    cold = summary(root)
    engine = root / "src" / "picturenn_docs" / "engines" / "fences" / "engine.py"
    engine.write_text(engine.read_text() + "\n# an edit of the fences engine only\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    again = recomputed(summary(root))
    assert again["fences"] == {"rendered": cold["fences"]["rendered"]}
    assert again["figures"] == {"drawn": cold["figures"]["drawn"]}
    # the API reference too: mkdocstrings reads all of `paths: [src]`, this edit included
    assert {stage: work for stage, work in again.items() if work} == {
        "fences": again["fences"],
        "figures": again["figures"],
        "api": {"rendered": cold["api"]["rendered"]},
    }


def fails(root, *words):
    result = build(root)
    assert result.returncode != 0
    for word in words:
        assert word in result.stderr, result.stderr
    return result.stderr


def test_a_broken_pycon_output_fails_naming_page_line_expected_and_got(project, tmp_path):
    root = clone(project, tmp_path)
    page = root / "docs" / "index.md"
    text = page.read_text()
    block = next(b for b in find_blocks(text) if b.lang == "pycon")
    offset = next(
        i for i, line in enumerate(block.body) if line and not line.startswith((">>>", "..."))
    )
    line = block.first_body_line + offset
    lines = text.splitlines()
    original = lines[line - 1]
    lines[line - 1] = original + "99"
    page.write_text("\n".join(lines) + "\n")
    fails(root, f"docs/index.md:{line}:", "expected:", original + "99", "got:", original)


def test_a_broken_hash_output_line_fails_naming_its_line(project, tmp_path):
    root = clone(project, tmp_path)
    page = root / "docs" / "contributing.md"
    line = line_of(page, "#> (4, 1)")
    page.write_text(page.read_text().replace("#> (4, 1)", "#> (4, 2)"))
    fails(root, f"docs/contributing.md:{line}:", "#> (4, 2)", "#> (4, 1)")


def test_a_bad_network_fence_fails_naming_page_line_and_problem(project, tmp_path):
    root = clone(project, tmp_path)
    page = root / "docs" / "contributing.md"
    text = page.read_text() + "\n```network\nwidths: 3 x 1\n```\n"
    page.write_text(text)
    line = len(text.splitlines()) - 1
    fails(root, f"docs/contributing.md:{line}: network fence: widths must be whole numbers")


def test_a_failure_below_front_matter_names_the_files_own_line(project, tmp_path):
    # mkdocs hands plugins the text after the front matter; lines still count from the top
    root = clone(project, tmp_path)
    page = root / "docs" / "reference" / "index.md"
    text = page.read_text()
    assert text.startswith("---\n")  # the reference page has front matter
    text += "\n```network\nwidths: 3 x 1\n```\n"
    page.write_text(text)
    line = len(text.splitlines()) - 1
    fails(root, f"docs/reference/index.md:{line}: network fence: widths must be whole numbers")


def test_a_wrong_inline_value_fails_naming_page_line_and_both_numbers(project, tmp_path):
    root = clone(project, tmp_path)
    page = root / "docs" / "correlation.md"
    marker = '{{ 0.61 | f"{1 - prediction:.2f}" }}'
    text = page.read_text()
    line = text[: text.index(marker)].count("\n") + 1
    page.write_text(page.read_text().replace(marker, marker.replace("0.61", "0.62")))
    fails(root, f"docs/correlation.md:{line}: the page says 0.62 but", "gives 0.61")


def test_a_broken_docstring_fails_the_build_naming_the_source_line(tmp_path):
    # the library's doctests run before any page: one page is project enough
    root = minimal_copy(tmp_path / "project", {"index.md": "# Home\n"})
    module = root / "src" / "picturenn" / "datasets.py"
    lines = module.read_text().splitlines()
    prompt = next(i for i, line in enumerate(lines) if line.strip().startswith(">>>"))
    output = next(
        i for i in range(prompt + 1, len(lines)) if not lines[i].strip().startswith(("...", ">>>"))
    )
    lines[output] = lines[output] + " and more"
    module.write_text("\n".join(lines) + "\n")
    fails(root, f"src/picturenn/datasets.py:{output + 1}:", "and more")


def test_a_failing_notebook_cell_fails_the_build_naming_the_cell(project, tmp_path):
    root = clone(project, tmp_path)
    notebook = next((root / "docs").rglob("*.ipynb"), None)
    if notebook is None:
        pytest.skip("the site has no notebook")
    data = json.loads(notebook.read_text())
    data["cells"].append(
        {
            "cell_type": "code",
            "metadata": {},
            "source": ["1 / 0"],
            "outputs": [],
            "execution_count": None,
        }
    )
    notebook.write_text(json.dumps(data))
    shown = notebook.relative_to(root).as_posix()
    fails(root, f"{shown}: cell {len(data['cells'])} raised ZeroDivisionError")
