""" "Check yourself" questions: answers come from picturenn, mistakes name page and line."""

from pathlib import Path

import pytest

from picturenn_docs.core.blocks import find_blocks
from picturenn_docs.core.failures import CheckFailed
from picturenn_docs.engines import questions
from tests import lessons

DOCS = Path(__file__).resolve().parents[2] / "docs"
LESSONS = [f"{name}.md" for name in lessons.LESSONS]


def question(*lines, path="docs/p.md", start=10):
    return questions.parse(tuple(lines), path, start)


def answer_of(*lines):
    return questions.answer(question(*lines), DOCS)


SHAPE = ("ask: What shape is W_1?", "kind: text", "network: 5 3 2")
SHAPE += ("answer: shape(net.weights[1])", "explain: {answer}, one row per value below.")


def test_the_answer_is_computed_and_the_worked_answer_fills_in_its_values():
    result = answer_of(*SHAPE)
    assert result.value == "3 × 2"
    assert result.explain == "3 × 2, one row per value below."


def test_a_wrong_stated_answer_fails_at_its_line_saying_what_picturenn_computes():
    with pytest.raises(CheckFailed) as caught:
        answer_of(*SHAPE, "stated: 2 × 3")
    assert (caught.value.path, caught.value.line) == ("docs/p.md", 16)
    assert "stated answer '2 × 3' disagrees" in caught.value.message
    assert caught.value.message.endswith(": 3 × 2")


def test_a_right_stated_answer_passes_however_it_is_spelled():
    assert answer_of(*SHAPE, "stated: (3, 2)").value == "3 × 2"


def test_a_question_the_package_cannot_answer_fails_at_the_answer_line():
    with pytest.raises(CheckFailed) as caught:
        answer_of(
            "ask: a", "kind: number", "network: 3 4 1", "answer: net.weights[2].size", "explain: x"
        )
    assert caught.value.line == 14
    assert "IndexError" in caught.value.message


def test_a_choice_answer_must_be_one_of_the_choices():
    with pytest.raises(CheckFailed) as caught:
        answer_of(
            "ask: a", "kind: choice", "choices: grow | shrink", "answer: 'wobble'", "explain: x"
        )
    assert caught.value.line == 14
    assert "not one of the choices" in caught.value.message


def test_numbers_are_checked_to_the_shown_decimals():
    body = ("ask: a", "kind: number", "network: 3 4 1", "answer: net.forward([1, 0, 1])[0]")
    assert answer_of(*body, "explain: x", "stated: 0.39").shown == "0.39"
    with pytest.raises(CheckFailed, match="disagrees"):
        answer_of(*body, "explain: x", "stated: 0.40")
    with pytest.raises(CheckFailed, match="needs a number"):
        answer_of("ask: a", "kind: number", "answer: 'many'", "explain: x")


@pytest.mark.parametrize(
    ("lines", "line", "words"),
    [
        (("ask: a", "kind: text", "answer: 1", "explain: x", "colour: red"), 15, "expected 'key"),
        (("ask: a", "kind: text", "answer: 1"), 10, "missing explain"),
        (("ask: a", "kind: choice", "answer: 1", "explain: x"), 12, "only a choice has choices"),
        (("ask: a", "kind: text", "answer: 1", "answer: 2", "explain: x"), 14, "given twice"),
    ],
)
def test_fence_mistakes_name_their_line(lines, line, words):
    with pytest.raises(CheckFailed) as caught:
        question(*lines)
    assert caught.value.line == line
    assert words in caught.value.message


def test_an_indented_line_continues_the_value_above():
    q = question("ask: one", "  two", "kind: number", "answer: 1", "explain: x")
    assert q.values["ask"] == "one two"


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("3 x 2", "3 × 2"),
        ("(3, 2)", "3 × 2"),
        ("l3 = relu(relu(l0 W0) W1) W2", "l_3 = relu(relu(l_0 W_0) W_1) W_2"),
        ("relu(relu(l₀W₀)W₁)W₂", "l_3 = relu(relu(l_0 W_0) W_1) W_2"),
        (
            "relu(layer_0.dot(weights_0_1)).dot(weights_1_2)",
            "layer_2 = relu(layer_0.dot(weights_0_1)).dot(weights_1_2)",
        ),
    ],
)
def test_typed_spellings_of_the_same_answer_agree(typed, answer):
    assert questions.normalize(typed) == questions.normalize(answer)


def test_wrong_nesting_is_not_the_same_answer():
    right = questions.normalize("relu(relu(l0 W0) W1) W2")
    assert questions.normalize("relu(relu(l0 W0)) W1 W2") != right
    assert questions.normalize("2 × 3") != questions.normalize("3 × 2")


def lesson_questions():
    for name in LESSONS:
        text = (DOCS / name).read_text()
        for block in find_blocks(text):
            if block.lang == questions.FENCE:
                yield name, block


def test_every_lesson_has_two_to_four_questions_in_its_check_yourself_section():
    for name in LESSONS:
        text = (DOCS / name).read_text()
        section = text.index("## Check yourself")
        blocks = [b for n, b in lesson_questions() if n == name]
        assert 2 <= len(blocks) <= 4, name
        assert all(b.start > text[:section].count("\n") for b in blocks), name


def test_every_question_on_the_site_is_answered_by_the_package():
    answered = 0
    for name, block in lesson_questions():
        q = questions.parse(block.body, f"docs/{name}", block.start)
        result = questions.answer(q, DOCS)
        if q.kind == "choice":
            assert result.value in q.choices
        answered += 1
    assert answered >= 18
