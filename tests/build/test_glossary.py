"""The glossary: one file of definitions, a Glossary page that must agree with it."""

from pathlib import Path

import pytest

from picturenn_docs.core.blocks import find_blocks
from picturenn_docs.core.failures import CheckFailed
from picturenn_docs.engines import glossary
from tests import lessons

DOCS = Path(__file__).resolve().parents[2] / "docs"
LESSONS = [f"{name}.md" for name in lessons.LESSONS]


def project(tmp_path, definitions, lesson="# Lesson\n\nThe delta of a layer.\n"):
    (tmp_path / "includes").mkdir()
    (tmp_path / glossary.FILE).write_text(definitions)
    (tmp_path / "lesson.md").write_text(lesson)
    return tmp_path


def render(docs, *lines):
    return glossary.render(tuple(lines), "docs/glossary.md", 10, docs, "glossary.md")


def failure(docs, *lines):
    with pytest.raises(CheckFailed) as caught:
        render(docs, *lines)
    return caught.value


def test_each_term_gets_its_meaning_and_a_link_to_its_lesson(tmp_path):
    docs = project(tmp_path, "*[delta]: How far a layer missed.\n*[deltas]: Plural.\n")
    made = render(docs, "delta, deltas: lesson.md#top")
    assert made.splitlines()[:2] == [
        "**delta** (also *deltas*)",
        ":   How far a layer missed. Taught in [Lesson](lesson.md#top).",
    ]


def test_a_term_without_a_lesson_fails_at_the_fence(tmp_path):
    docs = project(tmp_path, "*[delta]: d\n*[relu]: r\n")
    caught = failure(docs, "delta: lesson.md")
    assert (caught.path, caught.line) == ("docs/glossary.md", 9)
    assert "no lesson given for 'relu'" in caught.message


def test_a_lesson_line_for_an_undefined_term_fails_at_its_line(tmp_path):
    docs = project(tmp_path, "*[delta]: d\n")
    caught = failure(docs, "delta: lesson.md", "alpha: lesson.md")
    assert caught.line == 11
    assert "'alpha' is not defined" in caught.message


def test_a_lesson_that_never_uses_the_term_fails(tmp_path):
    docs = project(tmp_path, "*[relu]: r\n")
    caught = failure(docs, "relu: lesson.md")
    assert caught.line == 10
    assert "lesson.md never uses 'relu'" in caught.message


def test_a_missing_lesson_page_fails(tmp_path):
    docs = project(tmp_path, "*[delta]: d\n")
    assert "no page gone.md" in failure(docs, "delta: gone.md").message


def test_the_sites_glossary_page_agrees_with_the_glossary_file():
    page = (DOCS / "glossary.md").read_text()
    (block,) = [b for b in find_blocks(page) if b.lang == glossary.FENCE]
    made = glossary.render(
        block.body, "docs/glossary.md", block.first_body_line, DOCS, "glossary.md"
    )
    meanings = glossary.definitions((DOCS / glossary.FILE).read_text())
    assert len(meanings) >= 15
    for term in meanings:
        assert term in made


def test_every_term_appears_in_some_lesson():
    lessons = [(DOCS / name).read_text() for name in LESSONS]
    for term in glossary.definitions((DOCS / glossary.FILE).read_text()):
        assert any(glossary._uses(text, term) for text in lessons), term
