"""Finding fenced blocks: line numbers, indentation, and fences shown inside fences."""

from picturenn_docs.core.blocks import find_blocks, replace_blocks

PAGE = """# Title

```pycon
>>> 1 + 1
2
```

!!! note

    ```python
    print(1)
    #> 1
    ```

````markdown
```network
widths: 3 4 1
```
````

~~~generated
print("x")
~~~
"""


def test_blocks_have_their_page_lines_and_languages():
    found = [(b.lang, b.start, b.end) for b in find_blocks(PAGE)]
    assert found == [
        ("pycon", 3, 6),
        ("python", 10, 13),
        ("markdown", 15, 19),
        ("generated", 21, 23),
    ]


def test_a_fence_inside_another_fence_is_text_not_a_block():
    langs = [b.lang for b in find_blocks(PAGE)]
    assert "network" not in langs
    markdown = find_blocks(PAGE)[2]
    assert markdown.body == ("```network", "widths: 3 4 1", "```")


def test_indented_blocks_lose_their_indent_and_keep_it_when_replaced():
    block = find_blocks(PAGE)[1]
    assert block.indent == "    "
    assert block.body == ("print(1)", "#> 1")
    out = replace_blocks(PAGE, {block: "line one\n\nline two"})
    assert "    line one\n\n    line two\n" in out
    assert "print(1)" not in out


def test_title_and_attribute_info_strings_give_the_language():
    page = '```python title="x.py"\npass\n```\n``` { .pycon }\n>>> 1\n1\n```\n'
    assert [b.lang for b in find_blocks(page)] == ["python", "pycon"]


def test_an_unclosed_fence_runs_to_the_end_of_the_page():
    (block,) = find_blocks("text\n```python\nprint(1)\n")
    assert block.body == ("print(1)",)
    assert block.end == 4
