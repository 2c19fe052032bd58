"""The index of ranking methods: their public description and lookup by key."""

from __future__ import annotations

from dataclasses import dataclass, field

from erp_select.engine.methods import METHODS, Method
from erp_select.errors import InputError, Problem
from erp_select.i18n import normalise_lang

__all__ = ["MethodInfo", "method_info", "method_spec", "methods"]


@dataclass(frozen=True)
class MethodInfo:
    """Public description of one ranking method.

    ``name`` is the English name (kept for existing callers); ``label`` the name per
    language ("fr", "en"), read with :meth:`title`. ``description`` holds one or two
    sentences per language stating the normalisation and how cost criteria are handled;
    ``higher_is_better`` gives the direction of ``RankResult.scores``; ``batchable`` says
    whether ``batch_scores`` has a closed form.
    """

    key: str
    name: str
    description: dict[str, str]
    normalisation: str
    higher_is_better: bool
    batchable: bool
    label: dict[str, str] = field(default_factory=dict)

    def title(self, lang: str | None = None) -> str:
        """Return the method's name in ``lang`` (``name``, in English, when none is known).

        Parameters
        ----------
        lang : str, optional
            ``"fr"`` or ``"en"`` (default: the default language).

        Returns
        -------
        str
        """
        return self.label.get(normalise_lang(lang)) or self.name


_BY_KEY: dict[str, Method] = {method.key: method for method in METHODS}


def _info(method: Method) -> MethodInfo:
    return MethodInfo(
        key=method.key,
        name=method.name,
        label=method.texts("name"),
        description=method.texts("description"),
        normalisation=method.normalisation,
        higher_is_better=method.higher_is_better,
        batchable=method.batchable,
    )


def methods() -> list[MethodInfo]:
    """Return every registered method, the default (TOPSIS) first.

    Returns
    -------
    list of MethodInfo
    """
    return [_info(method) for method in METHODS]


def method_spec(key: str) -> Method:
    """Return the method ``key``; ``InputError`` (engine.unknown_method) if unknown."""
    method = _BY_KEY.get(str(key).strip().lower()) if isinstance(key, str) else None
    if method is None:
        raise InputError(
            [
                Problem(
                    rule="engine.unknown_method",
                    field="method",
                    value=str(key),
                    params={"choices": ", ".join(_BY_KEY)},
                )
            ]
        )
    return method


def method_info(key: str) -> MethodInfo:
    """Return the description of method ``key``.

    Parameters
    ----------
    key : str
        A method key such as ``"topsis"`` (case-insensitive).

    Returns
    -------
    MethodInfo

    Raises
    ------
    InputError
        Rule ``engine.unknown_method`` when no method has this key.
    """
    return _info(method_spec(key))
