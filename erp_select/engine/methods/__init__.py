"""The ranking methods, one module each; ``METHODS`` lists them, the default (TOPSIS) first."""

from erp_select.engine.methods import (
    copras,
    edas,
    electre2,
    moora,
    spotis,
    topsis,
    vikor,
    waspas,
    wpm,
    wsm,
)
from erp_select.engine.methods._base import Method

#: Every method, in the order the app lists them.
METHODS: tuple[Method, ...] = (
    topsis.METHOD,
    wsm.METHOD,
    wpm.METHOD,
    vikor.METHOD,
    spotis.METHOD,
    moora.METHOD,
    waspas.METHOD,
    copras.METHOD,
    edas.METHOD,
    electre2.METHOD,
)

__all__ = ["METHODS", "Method"]
