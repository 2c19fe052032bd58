"""Locate and load the bundled demo catalogue: default criteria, sector presets, demo vendors."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, model_validator

from erp_select.bundled import folder
from erp_select.model import CriteriaTree, Strict, Text, VendorProfile
from erp_select.model.common import NonNegFloat, Slug
from erp_select.model.integrators import Integrator

ROOT = Path(__file__).resolve().parent.parent
CRITERIA_DIR = folder("criteria")
VENDORS_DIR = folder("vendors")
DEFAULT_CRITERIA_FILE = CRITERIA_DIR / "default.yaml"
PRESETS_FILE = CRITERIA_DIR / "presets.yaml"

# Bundled files are small; refuse anything larger so a damaged file cannot blow up memory.
MAX_FILE_BYTES = 1_000_000


class Sector(Strict):
    """A sector of activity: the slug used by vendors and company profiles, and its labels."""

    id: Slug
    label: Text


class SectorPreset(Strict):
    """Starting weights for one sector: local weights by criterion id, and why.

    ``weights`` are local weights (relative to siblings), meant for
    :meth:`erp_select.model.CriteriaTree.with_weights`; criteria it does not name keep the
    tree's weight.
    """

    id: Slug
    label: Text
    rationale: Text
    weights: dict[Slug, NonNegFloat] = Field(min_length=1)

    @model_validator(mode="after")
    def _positive(self) -> SectorPreset:
        if sum(self.weights.values()) <= 0:
            raise ValueError(f"preset {self.id!r}: weights must have a positive sum")
        return self


class PresetCatalogue(Strict):
    """The presets file: the sector list and one preset per sector (at most)."""

    format: Literal["erp-select.presets"] = "erp-select.presets"
    version: Literal[1] = 1
    sectors: list[Sector] = Field(min_length=1)
    presets: list[SectorPreset] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> PresetCatalogue:
        sector_ids = [s.id for s in self.sectors]
        if len(set(sector_ids)) != len(sector_ids):
            raise ValueError("a sector id is listed twice")
        preset_ids = [p.id for p in self.presets]
        if len(set(preset_ids)) != len(preset_ids):
            raise ValueError("a preset id is listed twice")
        unknown = sorted(set(preset_ids) - set(sector_ids))
        if unknown:
            raise ValueError(f"presets for unknown sectors: {', '.join(unknown)}")
        return self


def _read_yaml(path: Path) -> Any:
    """Return the parsed content of a bundled YAML file (``yaml.safe_load``), size-bounded."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ValueError(f"{path.name} is larger than {MAX_FILE_BYTES} bytes")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def _criteria() -> CriteriaTree:
    return CriteriaTree.model_validate(_read_yaml(DEFAULT_CRITERIA_FILE))


@cache
def _preset_catalogue() -> PresetCatalogue:
    return PresetCatalogue.model_validate(_read_yaml(PRESETS_FILE))


@cache
def _vendors() -> tuple[VendorProfile, ...]:
    out: list[VendorProfile] = []
    for path in vendor_files():
        vendor = VendorProfile.model_validate(_read_yaml(path))
        if vendor.id != path.stem:
            raise ValueError(f"{path.name}: vendor id {vendor.id!r} differs from the file name")
        out.append(vendor)
    return tuple(out)


def vendor_files() -> list[Path]:
    """Return the bundled vendor files (``vendors/*.yaml``), sorted by name.

    Returns
    -------
    list[Path]
        One path per demo vendor; the file stem is the vendor id.
    """
    return sorted(VENDORS_DIR.glob("*.yaml"))


def default_criteria() -> CriteriaTree:
    """Return the bundled default criteria tree (``criteria/default.yaml``).

    Returns
    -------
    CriteriaTree
        The five families (sector fit, customisability, security, price, reviews) with
        their leaf criteria, value functions and default local weights.

    Raises
    ------
    pydantic.ValidationError
        If the bundled file does not match the model (a packaging bug, caught by the tests).
    """
    return _criteria()


def demo_vendors() -> list[VendorProfile]:
    """Return the bundled fictitious demo vendors, sorted by id.

    Returns
    -------
    list[VendorProfile]
        A new list on each call (the profiles themselves are frozen); every vendor has
        ``demo`` set and carries every fact the default criteria read.

    Raises
    ------
    pydantic.ValidationError
        If a bundled vendor file does not match the model.
    ValueError
        If a vendor's id differs from its file name.
    """
    return list(_vendors())


def demo_integrators() -> list[Integrator]:
    """Return the bundled fictitious demo integrators (``vendors/integrators/partners.yaml``).

    Raises
    ------
    pydantic.ValidationError
        If the bundled file does not match the model.
    """
    data = _read_yaml(VENDORS_DIR / "integrators" / "partners.yaml")
    return [Integrator.model_validate(item) for item in data["integrators"]]


def presets() -> dict[str, SectorPreset]:
    """Return the bundled sector presets, keyed by sector slug.

    Returns
    -------
    dict[str, SectorPreset]
        A new dict on each call, in file order. Apply one with
        ``default_criteria().with_weights(preset.weights)``.
    """
    return {p.id: p for p in _preset_catalogue().presets}


def sectors() -> list[Sector]:
    """Return the sector list with bilingual labels, in file order.

    Returns
    -------
    list[Sector]
        Every slug a vendor's ``sectors`` or a company's ``sector`` may use.
    """
    return list(_preset_catalogue().sectors)
