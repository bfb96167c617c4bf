"""`import picturenn` reaches the views lazily: fast to import, nothing loaded before it is used."""

import json
import subprocess
import sys

import pytest

_PROBE = """
import json, sys
import picturenn
before = sorted(m for m in sys.modules if m.startswith(("picturenn.", "numpy", "matplotlib")))
module = getattr(picturenn, sys.argv[1])
listed = sys.argv[1] in dir(picturenn)
loaded = "matplotlib" in sys.modules
print(json.dumps(dict(before=before, name=module.__name__, listed=listed, matplotlib=loaded)))
"""


@pytest.mark.parametrize("name", ["draw", "datasets", "algebra", "code"])
def test_import_picturenn_reaches_each_view_on_first_use(name):
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, name], capture_output=True, text=True, check=True
    )
    seen = json.loads(done.stdout)
    assert seen["before"] == []  # `import picturenn` alone loads neither numpy nor a view
    assert seen["name"] == f"picturenn.{name}"
    assert seen["listed"]
    assert seen["matplotlib"] == (name == "draw")  # only drawing needs matplotlib


def test_an_unknown_attribute_is_still_an_attribute_error():
    import picturenn

    with pytest.raises(AttributeError, match="no attribute 'drawing'"):
        _ = picturenn.drawing
