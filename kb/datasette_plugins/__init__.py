"""Datasette plugins of the project, one module per concern.

:func:`kb.serve.make_datasette` registers every module of this package with
Datasette's plugin manager (see :func:`register_all`).
"""

from __future__ import annotations

import importlib
import pkgutil


def register_all() -> list[str]:
    """Register each module of this package as a Datasette plugin (once);
    returns the registered plugin names."""
    from datasette.plugins import pm

    names = []
    for info in pkgutil.iter_modules(__path__):
        name = f"{__name__}.{info.name}"
        module = importlib.import_module(name)
        if not pm.is_registered(module):
            pm.register(module, name=name)
        names.append(name)
    return names
