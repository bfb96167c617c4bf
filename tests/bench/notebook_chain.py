"""The notebook chain: the part of a cold build that no number of cores shortens.

A cold build cannot write a notebook page before two things have happened, one
after the other: the notebook has run in a real kernel (``picturenn_docs.engines.notebooks``,
as the build runs it), and mkdocs-jupyter has converted the executed copy. The
bench times the run alone, then builds a one-page project of that copy with the
site's theme and mkdocs-jupyter options twice: with mkdocs-jupyter's cache
empty (it converts) and full (it replays). The run plus the difference, the
conversion alone, is a floor under a cold build: a budget below it cannot be met.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from tests.bench import site_config
from tests.bench.timing import timed_build
from tests.build import site_copy

JUPYTER = "mkdocs-jupyter"


def chain_project(target: Path, src_uri: str) -> Path:
    """A project whose one page is the notebook at ``src_uri`` (its executed copy is written
    there before each build), with the site's theme and mkdocs-jupyter options only."""
    site = site_config.read()
    (target / "docs" / src_uri).parent.mkdir(parents=True, exist_ok=True)
    config = {
        "site_name": "notebook chain",
        "theme": {"name": site["theme"]["name"]},
        "plugins": [{JUPYTER: site_config.plugin_options(site, JUPYTER)}],
        "nav": [{"notebook": src_uri}],
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config))
    return target


def time_chain(project: Path, src_uri: str, chain: Path) -> tuple[float, float]:
    """Seconds to run the notebook ``src_uri`` of the bench's ``project`` alone, and for
    mkdocs-jupyter to convert the executed copy (a build that converts it, less one that
    replays it from mkdocs-jupyter's cache)."""
    executed = chain / "docs" / src_uri
    env = site_copy.environment(project, bytecode=True)  # as the bench's builds run
    notebook = project / "docs" / src_uri
    command = [
        sys.executable,
        "-m",
        "picturenn_docs.engines.notebooks",
        notebook,
        executed,
        src_uri,
    ]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    ran = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"the notebook {src_uri} failed alone:\n{done.stdout[-2000:]}")
    shutil.rmtree(chain / ".cache", ignore_errors=True)
    converting, _ = timed_build(chain, strict=True)
    if not any((chain / ".cache").rglob("*.json")):
        raise RuntimeError(f"mkdocs-jupyter converted nothing in {chain}: is {src_uri} included?")
    return ran, converting - timed_build(chain, strict=True)[0]
