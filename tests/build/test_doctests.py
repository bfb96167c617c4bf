"""Package doctests run in-process and a broken docstring names its file and line."""

import shutil

import pytest

from picturenn_docs.core.cache import PACKAGE_DIR
from picturenn_docs.core.failures import CheckFailed
from picturenn_docs.engines import doctests


def test_every_library_module_but_main_is_found_and_no_docs_build_module():
    names = [name for name, _ in doctests.package_modules(PACKAGE_DIR)]
    assert "picturenn" in names
    assert "picturenn.network" in names
    assert not any(name.startswith("picturenn_docs") for name in names)
    assert not any(name.endswith("__main__") for name in names)


def test_a_real_module_passes():
    assert doctests.check_module("picturenn.datasets", "src/picturenn/datasets.py") > 0


def test_a_broken_docstring_in_a_copy_names_the_file_and_the_expected_line(tmp_path):
    copy = tmp_path / "datasets.py"
    shutil.copy(PACKAGE_DIR / "datasets.py", copy)
    lines = copy.read_text().splitlines()
    prompt = next(i for i, line in enumerate(lines) if line.strip().startswith(">>>"))
    output = next(
        i for i in range(prompt + 1, len(lines)) if not lines[i].strip().startswith(("...", ">>>"))
    )
    indent = lines[output][: len(lines[output]) - len(lines[output].lstrip())]
    lines[output] = indent + "something else entirely"
    copy.write_text("\n".join(lines) + "\n")
    with pytest.raises(CheckFailed) as caught:
        doctests.check_file(copy, "src/picturenn/datasets.py")
    assert (caught.value.path, caught.value.line) == ("src/picturenn/datasets.py", output + 1)
    assert "something else entirely" in caught.value.message
