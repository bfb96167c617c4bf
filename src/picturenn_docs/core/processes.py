"""The one way the build starts a Python process of its own (a notebook run, the kernel proof)."""

from __future__ import annotations

import os
import subprocess
import sys

from picturenn_docs.core.cache import PACKAGE_DIR


def start_module(module: str, *args: str, stderr: int) -> subprocess.Popen[str]:
    """``python -m module args`` with stdout piped as text, running the same library as
    this process (which need not be installed) and writing no ``.pyc`` files: under
    ``mkdocs serve`` a write into the watched ``src/`` would start another rebuild."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(PACKAGE_DIR.parent), os.environ.get("PYTHONPATH", "")]),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    command = [sys.executable, "-m", module, *args]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True)
