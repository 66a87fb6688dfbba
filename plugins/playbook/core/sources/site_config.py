"""The site's configuration file (mkdocs.yml), read as plain data without any engine.

The Markdown export needs a few of its values (the nav, the theme, the playbook plugin's options)
and must run where no MkDocs is installed. `!ENV` is resolved as MkDocs and ProperDocs resolve it;
any other tag is reported as a problem with its line, like every other bad input.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from .errors import InputProblem, PlaybookInputError
from .source_files import display_path

PLUGIN_NAME = "playbook"


class _ConfigLoader(yaml.SafeLoader):
    """YAML as the engine reads mkdocs.yml: safe, plus `!ENV`."""


def _environment_value(loader: _ConfigLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable set, typed as YAML would type
    it, else the default (the same rule as the engine's pyyaml-env-tag)."""
    default = None
    if isinstance(node, yaml.ScalarNode):
        names = [loader.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
        if len(children) > 1:
            default = loader.construct_object(children[-1])
            children = children[:-1]
        names = [loader.construct_scalar(child) for child in children]
    else:  # a mapping, the one other kind of node
        raise yaml.constructor.ConstructorError(
            None, None, "expected a name or a list of names, found a mapping", node.start_mark
        )
    for name in names:
        if name in os.environ:
            value = os.environ[name]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


_ConfigLoader.add_constructor("!ENV", _environment_value)


def read_site_config(config_file: Path, root: Path | None = None) -> dict[str, Any]:
    """The configuration as a mapping; raises `PlaybookInputError` with one line if it cannot be read."""
    file = display_path(config_file, root)
    try:
        with config_file.open("rb") as stream:
            config = yaml.load(stream, Loader=_ConfigLoader)  # a SafeLoader, plus !ENV
    except OSError as error:
        raise PlaybookInputError(
            [InputProblem(file, 1, 1, "", f"cannot read it: {error.strerror}")]
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        column = mark.column + 1 if mark is not None else 1
        message = " ".join(str(getattr(error, "problem", None) or error).split())
        raise PlaybookInputError([InputProblem(file, line, column, "", message)]) from None
    if not isinstance(config, dict):
        raise PlaybookInputError(
            [InputProblem(file, 1, 1, "", "the configuration is not a mapping of settings")]
        )
    return config


def plugin_options(config: dict[str, Any], name: str = PLUGIN_NAME) -> dict[str, Any] | None:
    """The options a plugin is given (`plugins: [name]` gives `{}`), or None when it is not enabled."""
    plugins = config.get("plugins")
    entries = plugins.items() if isinstance(plugins, dict) else [_entry(entry) for entry in plugins or []]
    for entry_name, options in entries:
        if entry_name == name:
            return options if isinstance(options, dict) else {}
    return None


def _entry(entry: Any) -> tuple[str, Any]:
    if isinstance(entry, dict) and len(entry) == 1:
        return next(iter(entry.items()))
    return str(entry), {}
