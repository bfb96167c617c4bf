"""Running page examples: `#>` output, doctest sessions, snippet files, and where failures point."""

import pytest

from picturenn_docs.core.failures import CheckFailed
from picturenn_docs.engines.examples import (
    Source,
    check_pycon,
    check_python,
    expand_snippets,
)


def page_source(text: str, first_line: int = 10, path: str = "docs/page.md") -> Source:
    lines = tuple(text.strip("\n").splitlines())
    return Source(lines, tuple((path, first_line + i) for i in range(len(lines))))


def test_output_of_a_loop_goes_after_the_loop():
    check_python(
        page_source(
            """
for i in range(3):
    print(i)
    print(i * 10)
#> 0
#> 0
#> 1
#> 10
#> 2
#> 20
print("done")
#> done
"""
        )
    )


def test_output_from_a_function_counts_where_the_top_level_statement_is():
    check_python(
        page_source(
            """
def show(x):
    print(f"x is {x}")


show(2)
#> x is 2
"""
        )
    )


def test_a_wrong_output_line_is_named_with_expected_and_got():
    source = page_source(
        """
from picturenn import Network

net = Network.random([3, 4, 1], seed=1)
print(net.widths)
#> [3, 4, 2]
"""
    )
    with pytest.raises(CheckFailed) as caught:
        check_python(source)
    failure = caught.value
    assert (failure.path, failure.line) == ("docs/page.md", 14)
    assert "#> [3, 4, 2]" in failure.message
    assert "#> [3, 4, 1]" in failure.message


def test_printing_something_the_page_does_not_show_fails():
    with pytest.raises(CheckFailed) as caught:
        check_python(page_source('x = 1\nprint("surprise")\ny = 2'))
    assert caught.value.line == 12  # where the missing #> line belongs
    assert "surprise" in caught.value.message


def test_a_missing_output_line_fails():
    with pytest.raises(CheckFailed) as caught:
        check_python(page_source('print("a")\n#> a\n#> b'))
    assert caught.value.line == 12
    assert "(nothing)" not in caught.value.message


def test_an_exception_names_the_line_that_raised_it():
    with pytest.raises(CheckFailed) as caught:
        check_python(page_source("x = 1\n\ny = x / 0\nprint(y)"))
    assert caught.value.line == 12
    assert "ZeroDivisionError" in caught.value.message


def test_a_syntax_error_names_its_line():
    with pytest.raises(CheckFailed) as caught:
        check_python(page_source("x = 1\ny = (\n"))
    assert caught.value.path == "docs/page.md"
    assert "syntax error" in caught.value.message


def test_every_block_starts_in_a_fresh_namespace():
    check_python(page_source("secret = 42"))
    with pytest.raises(CheckFailed, match="NameError"):
        check_python(page_source("print(secret)\n#> 42"))


def test_numpy_print_options_do_not_leak_into_the_next_block():
    check_python(page_source("import numpy as np\nnp.set_printoptions(precision=1)"))
    check_python(page_source("import numpy as np\nprint(np.array([0.123456]))\n#> [0.123456]"))


def test_a_pycon_session_passes_and_a_wrong_output_names_the_output_line():
    assert check_pycon(page_source(">>> x = 6\n>>> x * 7\n42")) == 2
    with pytest.raises(CheckFailed) as caught:
        check_pycon(page_source(">>> x = 6\n>>> print(x * 7,\n...       x)\n41 6"))
    assert caught.value.line == 13
    assert "41 6" in caught.value.message
    assert "42 6" in caught.value.message


def test_a_pycon_exception_names_the_prompt_line():
    with pytest.raises(CheckFailed) as caught:
        check_pycon(page_source(">>> 1\n1\n>>> 1 / 0\n>>> 2"))
    assert caught.value.line == 12
    assert "ZeroDivisionError" in caught.value.message


def test_snippet_lines_are_replaced_by_the_file_and_errors_name_the_file(tmp_path):
    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / "setup.py").write_text("a = 2\nb = 3\nprint(a * b)\n#> 7\n")
    source = expand_snippets(
        ['--8<-- "examples/setup.py"', "print(a + b)", "#> 5"], "docs/p.md", 20, tmp_path
    )
    assert source.lines[:2] == ("a = 2", "b = 3")
    assert source.origins[-1] == ("docs/p.md", 22)
    with pytest.raises(CheckFailed) as caught:
        check_python(source)
    assert (caught.value.path, caught.value.line) == ("docs/examples/setup.py", 4)


def test_a_snippet_that_does_not_exist_fails_at_its_line(tmp_path):
    with pytest.raises(CheckFailed) as caught:
        expand_snippets(["x = 1", '--8<-- "examples/nope.py"'], "docs/p.md", 5, tmp_path)
    assert (caught.value.path, caught.value.line) == ("docs/p.md", 6)
