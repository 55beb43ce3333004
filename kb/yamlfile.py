"""Reading the project's YAML files (metadata, overrides, crosswalk, mail settings)
with one-line errors that name the file."""

from __future__ import annotations

from pathlib import Path

import yaml


def read_yaml(path: Path | str, what: str, error: type[Exception], expected: type = dict):
    """The YAML document in ``path``: a ``dict`` or ``list`` as ``expected``
    (an empty file gives an empty one).

    ``what`` names the file's role in messages ("metadata", "overrides").
    Raises ``error`` with "PATH: problem" when the file cannot be read, is not
    valid YAML, or holds something other than ``expected``.
    """
    try:
        loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as problem:
        raise error(f"{path}: cannot read {what} ({problem.strerror or problem})") from None
    except (yaml.YAMLError, UnicodeDecodeError) as problem:
        raise error(f"{path}: not valid YAML ({' '.join(str(problem).split())})") from None
    if loaded is None:
        return expected()
    if not isinstance(loaded, expected):
        shape = "a mapping" if expected is dict else "a list"
        raise error(f"{path}: {what} must be {shape}")
    return loaded
