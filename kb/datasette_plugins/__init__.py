"""Datasette plugins of the project, one module per concern.

kb.serve.make_datasette registers every module of this package with
Datasette's plugin manager.
"""
