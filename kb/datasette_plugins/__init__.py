"""Datasette plugins of the project, one module per concern.

:func:`kb.serve.make_datasette` registers every module of this package with
Datasette's plugin manager (:func:`register_all`), so each module only has to
define ``@hookimpl`` functions. A module may list in ``REPLACES`` installed
plugin modules it stands in for; those are unregistered.
"""

from __future__ import annotations

import importlib
import pkgutil


def plugin_modules() -> list:
    """Every module of this package, imported, in name order."""
    return [importlib.import_module(f"{__name__}.{info.name}")
            for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name)]


def register_all() -> None:
    """Register each module with Datasette's plugin manager, unregistering
    the plugins they replace (idempotent)."""
    from datasette.plugins import pm

    for module in plugin_modules():
        for replaced in getattr(module, "REPLACES", ()):
            if pm.is_registered(replaced):
                pm.unregister(replaced)
        if not pm.is_registered(module):
            pm.register(module, name=module.__name__)
