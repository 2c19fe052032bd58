"""The scikit-criteria runner of every method, by key (loaded on first ranking)."""

from __future__ import annotations

from erp_select.engine.methods import METHODS
from erp_select.engine.methods._base import Runner

#: Each method's scikit-criteria runner, by key (``rank()`` looks the runner up here).
RUNNERS: dict[str, Runner] = {method.key: method.run for method in METHODS}
