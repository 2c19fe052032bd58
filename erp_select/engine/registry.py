"""Rank vendors with a registered MCDA method and return plain numbers, ranks and notes.

Conventions shared by every method (``rank()`` here and ``erp_select.engine.batch``):

* **Inputs.** ``matrix`` holds raw performance values (m alternatives × n criteria),
  ``objectives`` says "max" or "min" per criterion (1/−1 and "benefit"/"cost" also
  accepted), ``weights`` are non-negative finite numbers with a positive sum; they are
  normalised to sum 1. Anything else raises ``InputError`` with a located ``Problem``.
* **Ties.** Two scores tie when they differ by at most 1e-12 times the largest score
  magnitude of the run. Tied alternatives share the best rank of their group and the next
  rank is skipped ("competition" ranking: 1, 1, 3). Rank 1 is always the best, whatever
  the direction of the method's score (``higher_is_better``).
* **Zero weights and constant criteria, with a note.** A criterion with zero weight is
  dropped (VIKOR would otherwise divide by zero). A criterion whose value is the same for
  every alternative (spread ≤ 1e-12 of its magnitude) is kept where the method's formula is
  defined with it (``MethodSpec.keeps_constant``: WPM and WASPAS give it the ratio 1,
  COPRAS the share 1/m, MOORA ±1/√m unless it is all zeros), since dropping it and
  renormalising would change their results; the other methods drop it (no range to rescale
  in WSM, VIKOR and SPOTIS; no effect at all in TOPSIS, EDAS and ELECTRE II). The remaining
  weights are renormalised to sum 1. Each method's description says which it does.
* **Nothing left to compare.** With a single alternative, or when no weighted criterion
  discriminates (e.g. identical alternatives), every alternative gets rank 1 and the
  method's best attainable score (``neutral`` below), with a note.
* **Positivity.** Ratio-scale methods (WPM, WASPAS: strictly positive values; COPRAS: cost
  values strictly positive, benefit values non-negative; EDAS: non-negative values) shift an
  offending criterion by ``x − min + (max − min)`` (its worst value becomes half its best),
  with a note. So a zero cost never divides by zero.
* **Library warnings** raised by scikit-criteria are captured and returned as notes.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from erp_select.engine._core import (
    FloatArray,
    IntArray,
    MethodSpec,
    Problem2D,
    apply_shift,
    check_problem,
    competition_ranks,
    constant_columns,
    kept_constant_columns,
    set_kept_constants,
    shift_columns,
    unit_scale,
)
from erp_select.errors import InputError, Problem
from erp_select.i18n import normalise_lang, t

Objective = Literal["max", "min"]

__all__ = [
    "MethodInfo",
    "Note",
    "Objective",
    "RankResult",
    "method_info",
    "methods",
    "rank",
]


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


@dataclass(frozen=True)
class Note:
    """Something the user should know about a result (replaces printed library warnings)."""

    key: str
    params: dict[str, object] = field(default_factory=dict)

    def render(self, lang: str | None = None, labels: Mapping[str, str] | None = None) -> str:
        """Return the note as a sentence in ``lang`` (lists are joined with commas).

        Parameters
        ----------
        lang : str, optional
            ``"fr"`` or ``"en"``.
        labels : mapping of str to str, optional
            Display label by id: a parameter (or list item) that is a known id, such as a
            criterion id, is shown by its label. A ``method`` parameter holding a method
            key is shown by the method's name in ``lang``.

        Returns
        -------
        str
        """
        french = normalise_lang(lang) == "fr"
        names = labels or {}

        def shown_as(value: object) -> object:
            return names.get(value, value) if isinstance(value, str) else value

        shown: dict[str, object] = {}
        for name, value in self.params.items():
            if isinstance(value, list | tuple):
                shown[name] = ", ".join(
                    f"« {shown_as(v)} »" if french else f"“{shown_as(v)}”" for v in value
                )
            elif isinstance(value, bool):
                shown[name] = t(f"engine.word.{'yes' if value else 'no'}", lang)
            elif name == "method" and isinstance(value, str) and value in _BY_KEY:
                shown[name] = _info(_BY_KEY[value]).title(lang)
            else:
                shown[name] = shown_as(value)
        return t(self.key, lang, **shown)


@dataclass(frozen=True, eq=False)
class RankResult:
    """Scores, ranks (1 = best, competition ties) and intermediate values of one run."""

    method: str
    alternatives: list[str]
    criteria: list[str]
    scores: FloatArray
    ranks: IntArray
    higher_is_better: bool
    intermediate: dict[str, np.ndarray]
    notes: list[Note]

    def to_frame(self) -> pd.DataFrame:
        """Return a table indexed by alternative: ``score``, ``rank`` then the intermediates.

        Returns
        -------
        pandas.DataFrame
            One row per alternative, in input order.
        """
        data: dict[str, Any] = {"score": self.scores, "rank": self.ranks}
        for name, values in self.intermediate.items():
            data[name] = values
        return pd.DataFrame(data, index=pd.Index(self.alternatives, name="alternative"))


_TOPSIS_EN = (
    "Distance to the ideal and anti-ideal vendor (Hwang & Yoon 1981). Each criterion is "
    "divided by its Euclidean norm (vector normalisation); cost criteria are then negated, "
    "not inverted, so the ideal takes their lowest value and proportions are kept. "
    "A criterion with the same value for every vendor is left out: it adds nothing to either "
    "distance, so the scores do not change. "
    "Score: relative closeness in [0, 1], higher is better."
)
_TOPSIS_FR = (
    "Distance au fournisseur idéal et à l'anti-idéal (Hwang et Yoon, 1981). Chaque critère "
    "est divisé par sa norme euclidienne (normalisation vectorielle) ; les critères de coût "
    "sont ensuite changés de signe, et non inversés, si bien que l'idéal prend leur plus "
    "petite valeur sans déformer les proportions. Un critère qui a la même valeur pour tous "
    "les fournisseurs est écarté : il n'ajoute rien à aucune des deux distances, les scores "
    "n'en changent pas. Score : proximité relative entre 0 et 1, plus élevé = meilleur."
)

_SPECS: tuple[MethodSpec, ...] = (
    MethodSpec(
        key="topsis",
        name="TOPSIS",
        description={"en": _TOPSIS_EN, "fr": _TOPSIS_FR},
        normalisation="vector",
        higher_is_better=True,
        batchable=True,
        neutral_score=1.0,
        shift="none",
    ),
    MethodSpec(
        key="wsm",
        name="Weighted sum (WSM)",
        description={
            "en": (
                "Weighted sum of value scores. Each criterion is rescaled min–max onto [0, 1] "
                "(worst vendor 0, best 1); for cost criteria the scale is reversed, "
                "(max − x)/(max − min), so every value is non-negative. A criterion with the "
                "same value for every vendor has no range to rescale: it is left out and the "
                "other weights renormalised (same ranking; the scores are those of the other "
                "criteria). Score in [0, 1], higher is better."
            ),
            "fr": (
                "Somme pondérée de notes de valeur. Chaque critère est ramené min–max sur "
                "[0, 1] (pire fournisseur 0, meilleur 1) ; pour les critères de coût l'échelle "
                "est renversée, (max − x)/(max − min), si bien que toutes les valeurs sont "
                "positives ou nulles. Un critère qui a la même valeur pour tous les "
                "fournisseurs n'a pas d'étendue à ramener sur [0, 1] : il est écarté et les "
                "autres poids renormalisés (même classement ; les scores sont ceux des autres "
                "critères). Score entre 0 et 1, plus élevé = meilleur."
            ),
        },
        normalisation="min-max",
        higher_is_better=True,
        batchable=True,
        neutral_score=1.0,
        shift="none",
    ),
    MethodSpec(
        key="wpm",
        name="Weighted product (WPM)",
        description={
            "en": (
                "Weighted product of ratios to the best vendor: x/max for benefit criteria, "
                "min/x for cost criteria, each raised to its weight. Needs strictly positive "
                "values: a criterion holding a zero or negative value is first shifted by "
                "x − min + (max − min) (its worst value becomes half its best), with a note. "
                "A criterion with the same value for every vendor is kept, as in the formula: "
                "its ratio is 1 for every vendor. Score in (0, 1], higher is better."
            ),
            "fr": (
                "Produit pondéré des rapports au meilleur fournisseur : x/max pour les "
                "critères à maximiser, min/x pour les critères de coût, chacun élevé à la "
                "puissance de son poids. Exige des valeurs strictement positives : un critère "
                "contenant une valeur nulle ou négative est d'abord décalé de "
                "x − min + (max − min) (sa pire valeur devient la moitié de la meilleure), "
                "avec une note. Un critère qui a la même valeur pour tous les fournisseurs est "
                "conservé, comme le veut la formule : son rapport vaut 1 pour chacun. Score "
                "dans ]0, 1], plus élevé = meilleur."
            ),
        },
        normalisation="ratio to best (x/max, min/x)",
        higher_is_better=True,
        batchable=True,
        neutral_score=1.0,
        shift="positive",
        keeps_constant=True,
    ),
    MethodSpec(
        key="vikor",
        name="VIKOR",
        description={
            "en": (
                "Compromise ranking (Opricovic & Tzeng 2004), v = 0.5. Each criterion becomes "
                "its normalised distance to the best value, (best − x)/(best − worst), the "
                "best being the max of a benefit criterion and the min of a cost criterion; "
                "S sums the weighted distances, R keeps the largest, Q mixes both after "
                "rescaling. A criterion with the same value for every vendor has no gap between "
                "best and worst: it is left out and the other weights renormalised, which "
                "leaves Q unchanged. Score Q in [0, 1], lower is better."
            ),
            "fr": (
                "Classement de compromis (Opricovic et Tzeng, 2004), v = 0,5. Chaque critère "
                "devient sa distance normalisée à la meilleure valeur, "
                "(meilleure − x)/(meilleure − pire), la meilleure étant le max d'un critère à "
                "maximiser et le min d'un critère de coût ; S somme les distances pondérées, "
                "R garde la plus grande, Q combine les deux après mise à l'échelle. Un critère "
                "qui a la même valeur pour tous les fournisseurs n'a pas d'écart entre "
                "meilleure et pire valeur : il est écarté et les autres poids renormalisés, ce "
                "qui ne change pas Q. Score Q entre 0 et 1, plus bas = meilleur."
            ),
        },
        normalisation="distance to best (min-max)",
        higher_is_better=False,
        batchable=True,
        neutral_score=0.0,
        shift="none",
    ),
    MethodSpec(
        key="spotis",
        name="SPOTIS",
        description={
            "en": (
                "Distance to the ideal solution point (Dezert et al. 2020). The bounds are "
                "derived from the data (each criterion's observed min and max), so adding or "
                "removing a vendor can move them; the ideal is the max of a benefit criterion "
                "and the min of a cost criterion, and |x − ideal| is divided by the range. A "
                "criterion with the same value for every vendor has a zero range: it is left "
                "out and the other weights renormalised (same ranking; the distances are those "
                "of the other criteria). Score: weighted distance in [0, 1], lower is better."
            ),
            "fr": (
                "Distance au point de solution idéale (Dezert et al., 2020). Les bornes sont "
                "tirées des données (min et max observés de chaque critère), donc ajouter ou "
                "retirer un fournisseur peut les déplacer ; l'idéal est le max d'un critère à "
                "maximiser et le min d'un critère de coût, et |x − idéal| est divisé par "
                "l'étendue. Un critère qui a la même valeur pour tous les fournisseurs a une "
                "étendue nulle : il est écarté et les autres poids renormalisés (même "
                "classement ; les distances sont celles des autres critères). Score : distance "
                "pondérée entre 0 et 1, plus bas = meilleur."
            ),
        },
        normalisation="range of the data (bounds = observed min/max)",
        higher_is_better=False,
        batchable=True,
        neutral_score=0.0,
        shift="none",
    ),
    MethodSpec(
        key="moora",
        name="MOORA (ratio system)",
        description={
            "en": (
                "MOORA ratio system (Brauers & Zavadskas 2006). Each criterion is divided by "
                "its Euclidean norm (vector normalisation); weighted ratios of benefit "
                "criteria are added and those of cost criteria subtracted. A criterion with the "
                "same value for every vendor is kept, as in the formula: it adds (a cost: "
                "subtracts) the same w/√m to every score, m being the number of vendors; a "
                "column of zeros has no norm and is left out. Score without a fixed range, "
                "higher is better."
            ),
            "fr": (
                "Système de ratios MOORA (Brauers et Zavadskas, 2006). Chaque critère est "
                "divisé par sa norme euclidienne (normalisation vectorielle) ; les ratios "
                "pondérés des critères à maximiser sont ajoutés, ceux des critères de coût "
                "retranchés. Un critère qui a la même valeur pour tous les fournisseurs est "
                "conservé, comme le veut la formule : il ajoute (coût : retranche) le même "
                "w/√m à chaque score, m étant le nombre de fournisseurs ; une colonne de zéros "
                "n'a pas de norme et est écartée. Score sans bornes fixes, plus élevé = "
                "meilleur."
            ),
        },
        normalisation="vector",
        higher_is_better=True,
        batchable=True,
        neutral_score=0.0,
        shift="none",
        keeps_constant=True,
    ),
    MethodSpec(
        key="waspas",
        name="WASPAS",
        description={
            "en": (
                "Half weighted sum, half weighted product (Zavadskas et al. 2012, λ = 0.5) of "
                "ratios to the best vendor: x/max for benefit criteria, min/x for cost "
                "criteria. Needs strictly positive values: a criterion holding a zero or "
                "negative value is first shifted by x − min + (max − min), with a note. A "
                "criterion with the same value for every vendor is kept, as in the formula: "
                "its ratio is 1 for every vendor (leaving it out and renormalising the weights "
                "would change the ranking). Score in (0, 1], higher is better."
            ),
            "fr": (
                "Moitié somme pondérée, moitié produit pondéré (Zavadskas et al., 2012, "
                "λ = 0,5) des rapports au meilleur fournisseur : x/max pour les critères à "
                "maximiser, min/x pour les critères de coût. Exige des valeurs strictement "
                "positives : un critère contenant une valeur nulle ou négative est d'abord "
                "décalé de x − min + (max − min), avec une note. Un critère qui a la même "
                "valeur pour tous les fournisseurs est conservé, comme le veut la formule : "
                "son rapport vaut 1 pour chacun (l'écarter en renormalisant les poids "
                "changerait le classement). Score dans ]0, 1], plus élevé = meilleur."
            ),
        },
        normalisation="ratio to best (x/max, min/x)",
        higher_is_better=True,
        batchable=True,
        neutral_score=1.0,
        shift="positive",
        keeps_constant=True,
    ),
    MethodSpec(
        key="copras",
        name="COPRAS",
        description={
            "en": (
                "Complex proportional assessment (Zavadskas & Kaklauskas 1996). Sum "
                "normalisation x/Σx; weighted benefit shares S+ are added, cost shares S− "
                "enter as min(S−)·ΣS− / (S−·Σ min(S−)/S−), so lower costs raise the score. A "
                "cost criterion with a zero or negative value (benefit: negative) is first "
                "shifted by x − min + (max − min), so nothing divides by zero. A criterion with "
                "the same value for every vendor is kept, as in the formula: its share is 1/m "
                "for every vendor, m being the number of vendors (leaving it out and "
                "renormalising the weights would change the ranking). Score: utility degree in "
                "% of the best vendor, higher is better."
            ),
            "fr": (
                "Évaluation proportionnelle complexe (Zavadskas et Kaklauskas, 1996). "
                "Normalisation par la somme x/Σx ; les parts pondérées des critères à "
                "maximiser S+ sont ajoutées, celles des critères de coût S− entrent sous la "
                "forme min(S−)·ΣS− / (S−·Σ min(S−)/S−), si bien qu'un coût plus bas relève le "
                "score. Un critère de coût contenant une valeur nulle ou négative (à "
                "maximiser : négative) est d'abord décalé de x − min + (max − min), sans "
                "aucune division par zéro. Un critère qui a la même valeur pour tous les "
                "fournisseurs est conservé, comme le veut la formule : sa part vaut 1/m pour "
                "chacun, m étant le nombre de fournisseurs (l'écarter en renormalisant les "
                "poids changerait le classement). Score : degré d'utilité en % du meilleur "
                "fournisseur, plus élevé = meilleur."
            ),
        },
        normalisation="sum",
        higher_is_better=True,
        batchable=True,
        neutral_score=100.0,
        shift="copras",
        keeps_constant=True,
    ),
    MethodSpec(
        key="edas",
        name="EDAS",
        description={
            "en": (
                "Distance from the average solution (Keshavarz Ghorabaee et al. 2015). For "
                "each criterion, distances above and below the column average are divided by "
                "that average (no other normalisation); for a cost criterion being below "
                "average counts as the good side. A criterion holding a negative value is "
                "first shifted by x − min + (max − min). A criterion with the same value for "
                "every vendor is left out: it has no distance from the average, so the scores "
                "do not change. Score in [0, 1], higher is better."
            ),
            "fr": (
                "Distance à la solution moyenne (Keshavarz Ghorabaee et al., 2015). Pour "
                "chaque critère, les écarts au-dessus et au-dessous de la moyenne de la "
                "colonne sont divisés par cette moyenne (aucune autre normalisation) ; pour "
                "un critère de coût, être sous la moyenne est le bon côté. Un critère "
                "contenant une valeur négative est d'abord décalé de x − min + (max − min). Un "
                "critère qui a la même valeur pour tous les fournisseurs est écarté : il n'a "
                "aucun écart à la moyenne, les scores n'en changent pas. Score entre 0 et 1, "
                "plus élevé = meilleur."
            ),
        },
        normalisation="ratio to the average",
        higher_is_better=True,
        batchable=True,
        neutral_score=1.0,
        shift="non_negative",
    ),
    MethodSpec(
        key="electre2",
        name="ELECTRE II",
        description={
            "en": (
                "Outranking, in the variant of Gomes et al. (2004) programmed in "
                "scikit-criteria. Criteria are first rescaled min–max onto [0, 1], cost "
                "criteria reversed. Vendor a outranks b when the weight of the criteria where "
                "a is at least as good (concordance) exceeds the reverse, and no criterion puts "
                "b ahead by more than 0.65 of the scale (discordance). In this variant the "
                "concordance thresholds of the strong and weak relations (0.65, 0.5, 0.35) and "
                "the discordance threshold 0.35 change no ranking: with weights summing to 1 "
                "the larger of two concordances always exceeds 0.5. Vendors are ranked by "
                "taking out in turn those no remaining vendor outranks (direct order) and "
                "those that outrank no remaining vendor (inverse order). A criterion with the "
                "same value for every vendor is left out: it counts on both sides and never "
                "discords, so no outranking changes. Score: mean of the two positions, lower "
                "is better; not compensatory, ties are common."
            ),
            "fr": (
                "Surclassement, dans la variante de Gomes et al. (2004) programmée dans "
                "scikit-criteria. Les critères sont d'abord ramenés min–max sur [0, 1], échelle "
                "renversée pour les critères de coût. Un fournisseur a surclasse b quand le "
                "poids des critères où a est au moins aussi bon (concordance) dépasse celui de "
                "l'inverse et qu'aucun critère ne place b devant de plus de 0,65 de l'échelle "
                "(discordance). Dans cette variante, les seuils de concordance des relations "
                "forte et faible (0,65 ; 0,5 ; 0,35) et le seuil de discordance 0,35 ne changent "
                "aucun classement : les poids faisant 1 au total, la plus grande de deux "
                "concordances dépasse toujours 0,5. Les fournisseurs sont classés en retirant "
                "tour à tour ceux qu'aucun fournisseur restant ne surclasse (ordre direct) et "
                "ceux qui ne surclassent aucun fournisseur restant (ordre inverse). Un critère "
                "qui a la même valeur pour tous les fournisseurs est écarté : il compte des "
                "deux côtés et n'est jamais discordant, aucun surclassement n'en change. "
                "Score : moyenne des deux positions, plus bas = meilleur ; méthode non "
                "compensatoire, les ex aequo sont fréquents."
            ),
        },
        normalisation="min-max",
        higher_is_better=False,
        batchable=False,
        neutral_score=1.0,
        shift="none",
    ),
)

_BY_KEY: dict[str, MethodSpec] = {spec.key: spec for spec in _SPECS}


#: French names of the methods (the English one is ``MethodSpec.name``).
_NAMES_FR: dict[str, str] = {
    "topsis": "TOPSIS",
    "wsm": "Somme pondérée (WSM)",
    "wpm": "Produit pondéré (WPM)",
    "vikor": "VIKOR",
    "spotis": "SPOTIS",
    "moora": "MOORA (système de ratios)",
    "waspas": "WASPAS",
    "copras": "COPRAS",
    "edas": "EDAS",
    "electre2": "ELECTRE II",
}


def _info(spec: MethodSpec) -> MethodInfo:
    return MethodInfo(
        key=spec.key,
        name=spec.name,
        label={"en": spec.name, "fr": _NAMES_FR.get(spec.key, spec.name)},
        description=dict(spec.description),
        normalisation=spec.normalisation,
        higher_is_better=spec.higher_is_better,
        batchable=spec.batchable,
    )


def methods() -> list[MethodInfo]:
    """Return every registered method, the default (TOPSIS) first.

    Returns
    -------
    list of MethodInfo
    """
    return [_info(spec) for spec in _SPECS]


def method_spec(key: str) -> MethodSpec:
    """Return the internal spec of ``key``; ``InputError`` (engine.unknown_method) if unknown."""
    spec = _BY_KEY.get(str(key).strip().lower()) if isinstance(key, str) else None
    if spec is None:
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
    return spec


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


def _neutral(spec: MethodSpec, problem: Problem2D, notes: list[Note]) -> RankResult:
    m = len(problem.alternatives)
    return RankResult(
        method=spec.key,
        alternatives=list(problem.alternatives),
        criteria=list(problem.criteria),
        scores=np.full(m, spec.neutral_score, dtype=np.float64),
        ranks=np.ones(m, dtype=np.int64),
        higher_is_better=spec.higher_is_better,
        intermediate={},
        notes=notes,
    )


def _failed(spec: MethodSpec, exc: Exception) -> InputError:
    """A method that cannot rank these values: a located error instead of a traceback."""
    return InputError(
        [
            Problem(
                rule="engine.method_failed",
                field="method",
                value=spec.key,
                params={"method": spec.name, "message": str(exc)[:200]},
            )
        ]
    )


def _tie_notes(alternatives: list[str], ranks: IntArray) -> list[Note]:
    notes: list[Note] = []
    for value in np.unique(ranks):
        members = [a for a, r in zip(alternatives, ranks, strict=True) if r == value]
        if len(members) > 1:
            notes.append(Note("engine.note.tie", {"alternatives": members, "rank": int(value)}))
    return notes


def rank(
    matrix: Any,
    objectives: Any,
    weights: Any,
    method: str = "topsis",
    alternatives: Sequence[Any] | None = None,
    criteria: Sequence[Any] | None = None,
) -> RankResult:
    """Rank the alternatives of a performance table with one MCDA method.

    Parameters
    ----------
    matrix : array-like, shape (m, n)
        Raw performance values, one row per alternative (vendor), one column per criterion.
        A pandas DataFrame also supplies default names from its index and columns.
    objectives : sequence of n items
        "max" or "min" per criterion (also 1/−1, "benefit"/"cost").
    weights : sequence of n numbers
        Non-negative, finite, positive sum; normalised to sum 1.
    method : str, default "topsis"
        A key of ``methods()``.
    alternatives, criteria : sequence of str, optional
        Display names; default "A1".."Am" and "C1".."Cn".

    Returns
    -------
    RankResult
        Scores in the method's own direction, ranks (1 = best, ties share the best rank),
        per-alternative intermediate values and notes about the run.

    Raises
    ------
    InputError
        Unknown method, wrong shapes, non-numeric/NaN/infinite values, negative or all-zero
        weights, unknown objective labels; each problem names the criterion and value.
    """
    spec = method_spec(method)
    problem = check_problem(matrix, objectives, weights, alternatives, criteria)
    m = len(problem.alternatives)
    notes: list[Note] = []
    if m == 1:
        return _neutral(spec, problem, [Note("engine.note.single_alternative")])

    weighted = problem.weights > 0
    zero = [c for c, keep in zip(problem.criteria, weighted, strict=True) if not keep]
    if zero:
        notes.append(Note("engine.note.zero_weight", {"criteria": zero}))
    constant = constant_columns(problem.matrix) & weighted
    held = kept_constant_columns(spec, problem.matrix) & weighted
    dropped = constant & ~held
    if dropped.any():
        names = [c for c, flag in zip(problem.criteria, dropped, strict=True) if flag]
        notes.append(Note("engine.note.constant_criteria", {"criteria": names}))
    if held.any():
        names = [c for c, flag in zip(problem.criteria, held, strict=True) if flag]
        notes.append(Note("maths.note.constant_kept", {"criteria": names, "method": spec.key}))
    if not (weighted & ~constant).any():
        notes.append(Note("engine.note.no_discrimination"))
        return _neutral(spec, problem, notes)

    keep = weighted & ~dropped
    x = set_kept_constants(unit_scale(problem.matrix[:, keep]), held[keep], spec.shift)
    signs = problem.signs[keep]
    w = problem.weights[keep] / problem.weights[keep].sum()
    kept = [c for c, flag in zip(problem.criteria, keep, strict=True) if flag]
    shifted = shift_columns(x, signs, spec.shift)
    if shifted.any():
        x = apply_shift(x, shifted)
        names = [c for c, flag in zip(kept, shifted, strict=True) if flag]
        notes.append(Note("engine.note.shifted", {"criteria": names, "method": spec.key}))

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        from erp_select.engine import _skc

        try:
            with np.errstate(all="ignore"):
                scores, intermediate, extra = _skc.RUNNERS[spec.key](
                    x, signs, w, list(problem.alternatives), kept
                )
        except (ArithmeticError, ValueError, TypeError, IndexError, KeyError) as exc:
            raise _failed(spec, exc) from None
    scores = np.asarray(scores, dtype=np.float64)
    if not np.isfinite(scores).all():
        raise _failed(spec, ValueError("non-finite score"))
    notes.extend(Note(key, params) for key, params in extra)
    seen: set[str] = set()
    for item in caught:
        text = str(item.message)
        if text not in seen and not issubclass(item.category, DeprecationWarning):
            seen.add(text)
            notes.append(Note("engine.note.library_warning", {"message": text}))

    ranks = competition_ranks(scores, spec.higher_is_better)
    notes.extend(_tie_notes(problem.alternatives, ranks))
    return RankResult(
        method=spec.key,
        alternatives=list(problem.alternatives),
        criteria=list(problem.criteria),
        scores=scores,
        ranks=ranks,
        higher_is_better=spec.higher_is_better,
        intermediate=intermediate,
        notes=notes,
    )
