"""Cache keys follow the package source, library versions and the entry's own inputs."""

from pathlib import Path

from picturenn_docs.core.cache import Cache, library_versions, package_hash, resolve_dir


def make_package(root: Path) -> Path:
    package = root / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text('"""Pkg."""\n')
    (package / "sub" / "mod.py").write_text("X = 1\n")
    return package


def test_package_hash_changes_when_any_source_file_changes(tmp_path):
    package = make_package(tmp_path)
    before = package_hash(package)
    assert package_hash(package) == before
    (package / "sub" / "mod.py").write_text("X = 2\n")
    edited = package_hash(package)
    assert edited != before
    (package / "sub" / "new.py").write_text("")
    assert package_hash(package) != edited


def test_the_package_hash_follows_the_code_not_its_comment_lines(tmp_path):
    package = make_package(tmp_path)
    mod = package / "sub" / "mod.py"
    before = package_hash(package)
    mod.write_text("X = 1\n# a note that runs nothing\n")
    assert package_hash(package) == before  # a comment line appended
    mod.write_text("X = 1  # a comment after code: a traceback prints its line\n")
    assert package_hash(package) != before
    mod.write_text("# a line above the code moves it (tracebacks name lines)\nX = 1\n")
    assert package_hash(package) != before
    mod.write_text('X = 1\n"""A string runs, and a docstring is read."""\n')
    assert package_hash(package) != before
    mod.write_text("X = (1\n")  # tokenize cannot read it: kept whole, never equal to a good one
    assert package_hash(package) != before


def test_the_package_hash_memo_is_used_only_for_the_same_bytes(tmp_path):
    package = make_package(tmp_path)
    memo = tmp_path / "memo.txt"
    first = package_hash(package, memo=memo)
    assert first == package_hash(package)
    assert memo.is_file()
    known = memo.read_text().split("\n")[0]
    memo.write_text(f"{known}\n{'0' * 64}\n")  # a memo for these very bytes is believed
    assert package_hash(package, memo=memo) == "0" * 64
    (package / "sub" / "mod.py").write_text("X = 2\n")  # other bytes: worked out again
    edited = package_hash(package, memo=memo)
    assert edited == package_hash(package) != first
    assert memo.read_text().split("\n")[1] == edited


def test_non_python_files_do_not_change_the_package_hash(tmp_path):
    package = make_package(tmp_path)
    before = package_hash(package)
    (package / "notes.txt").write_text("hello")
    assert package_hash(package) == before


def test_entry_keys_change_with_the_package_salt_and_with_the_inputs(tmp_path):
    package = make_package(tmp_path)
    old = Cache(tmp_path / "c", salt=package_hash(package) + library_versions())
    key = old.key("example", "python", "print(1)")
    assert key == old.key("example", "python", "print(1)")
    assert key != old.key("example", "python", "print(2)")
    assert key != old.key("example", "pycon", "print(1)")
    (package / "__init__.py").write_text('"""Pkg, edited."""\n')
    new = Cache(tmp_path / "c", salt=package_hash(package) + library_versions())
    assert new.key("example", "python", "print(1)") != key


def test_library_versions_come_from_installed_distributions(tmp_path):
    (tmp_path / "numpy-9.9.9.dist-info").mkdir()
    line = library_versions([str(tmp_path)])
    assert "numpy=9.9.9" in line
    assert "matplotlib=absent" in line


def test_sweep_keeps_what_the_build_used_and_drops_the_rest(tmp_path):
    cache = Cache(tmp_path, salt="s")
    cache.write_text("examples", "used", "passed")
    cache.write_text("examples", "stale", "passed")
    fresh = Cache(tmp_path, salt="s")
    assert fresh.read_text("examples", "used") == "passed"
    assert fresh.sweep(("examples",)) == 1
    assert [p.name for p in (tmp_path / "examples").iterdir()] == ["used.txt"]


def test_the_environment_variable_wins_over_the_configured_folder(tmp_path):
    assert resolve_dir("mine", tmp_path, environ={}) == tmp_path / "mine"
    assert resolve_dir("mine", tmp_path, environ={"PICTURENN_CACHE_DIR": "/x"}) == Path("/x")
    assert resolve_dir(None, tmp_path, environ={}) == tmp_path / ".cache" / "picturenn"
