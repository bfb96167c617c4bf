"""The site's mkdocs.yml as the bench reads it, ``!ENV`` tags included."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.build import site_copy


class _EnvLoader(yaml.SafeLoader):
    """mkdocs.yml's ``!ENV`` tags read as mkdocs reads them with the variable unset."""


def _env_default(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    # `!ENV NAME` has no default (None); `!ENV [NAME, default]` falls back to its last item
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)[-1]
    return None


_EnvLoader.add_constructor("!ENV", _env_default)


def read(path: Path = site_copy.ROOT / "mkdocs.yml") -> dict:
    """The configuration as a dict (no plugin loaded, nothing validated).

    >>> read()["plugins"][0]
    'search'
    """
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_EnvLoader)


def plugin_options(config: dict, name: str) -> dict:
    """The options the site gives plugin ``name`` ({} if it names the plugin bare).

    >>> plugin_options({"plugins": ["search", {"offline": {"enabled": False}}]}, "offline")
    {'enabled': False}
    """
    for entry in config["plugins"]:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return dict(entry[name] or {})
    raise KeyError(f"mkdocs.yml has no plugin {name!r}")
