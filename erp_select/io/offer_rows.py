"""A vendor's offers as rows of the long vendor table: ``offers.<offer>.<field or fact>``.

``offers.cloud.name``, ``offers.cloud.deployment``, ``offers.cloud.licence_model``,
``offers.cloud.editions``, ``offers.cloud.integrator``, ``offers.cloud.description.fr``
describe the offer (only the ``value`` cell is used); any other name after the offer's id
is a fact that replaces the vendor's for this offer (``offers.cloud.price.hosting_year``),
read with every column of a fact row. Offer ids are slugs without dots.
"""

from __future__ import annotations

import re
from typing import Any

from erp_select.io.cells import cell_text, parse_list, trim
from erp_select.io.problems import NO_VALUE, Path, Where
from erp_select.model import Fact, VendorProfile

OFFER_PREFIX = "offers."
#: The parts of an offer that are not facts, in the order tables write them.
OFFER_FIELDS = (
    "name",
    "description.fr",
    "description.en",
    "deployment",
    "licence_model",
    "editions",
    "integrator",
)
OFFER_LISTS = ("deployment", "editions")
_NAME = re.compile(r"^offers\.([a-z0-9][a-z0-9_\-]{0,39})\.(.+)$")


def offer_name(offer_id: str, part: str) -> str:
    """The ``field`` cell of one part (or fact) of an offer."""
    return f"{OFFER_PREFIX}{offer_id}.{part}"


def parse_offer_name(name: str) -> tuple[str, str] | None:
    """The offer id and the part (or fact id) a ``field`` cell names; ``None`` if malformed."""
    found = _NAME.match(name)
    return None if found is None else (found.group(1), found.group(2))


def offer_value(part: str, raw: Any) -> Any:
    """The model input of an offer's part: a list for deployment and editions, else text."""
    if part in OFFER_LISTS:
        text = "" if raw is None else trim(str(raw))
        return parse_list(text[1:] if text.startswith("'") else text)
    return cell_text(raw)


def put_offer_part(offer: dict[str, Any], part: str, value: Any) -> None:
    """Set one part of an offer's model input (``description.fr`` inside ``description``)."""
    if value is None:
        return
    if part.startswith("description."):
        offer.setdefault("description", {})[part.split(".", 1)[1]] = value
    else:
        offer[part] = value


def offers_input(parts: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The ``offers`` model input, in the order the offers first appear in the table."""
    return [{"id": offer_id, **data} for offer_id, data in parts.items()]


def offer_rows(vendor: VendorProfile) -> list[tuple[str, Any]]:
    """The rows an offer's own parts write: (field, value), unset parts left out."""
    rows: list[tuple[str, Any]] = []
    for offer in vendor.offers:
        rows.append((offer_name(offer.id, "name"), offer.name))
        if offer.description is not None:
            rows.append((offer_name(offer.id, "description.fr"), offer.description.fr))
            rows.append((offer_name(offer.id, "description.en"), offer.description.en))
        for part in ("deployment", "licence_model", "editions", "integrator"):
            value = getattr(offer, part)
            if value is not None:
                rows.append(
                    (offer_name(offer.id, part), list(value) if part in OFFER_LISTS else value)
                )
    return rows


def offer_facts(vendor: VendorProfile) -> list[tuple[str, Fact]]:
    """Each offer's facts as (field, fact) rows: ``offers.<offer>.<fact id>``."""
    return [
        (offer_name(offer.id, fact_id), fact)
        for offer in vendor.offers
        for fact_id, fact in offer.facts.items()
    ]


def locate_offer(
    path: Path, offer_ids: list[str], rows: dict[str, int], raw: dict[str, dict[str, Any]]
) -> Where | None:
    """Where a model error under ``offers[j]`` is in the table; ``None`` when not found."""
    if len(path) < 2 or not isinstance(path[1], int) or path[1] >= len(offer_ids):
        return None
    offer_id, rest = offer_ids[path[1]], path[2:]
    if rest[:1] == ("facts",) and len(rest) >= 2 and isinstance(rest[1], str):
        key = offer_name(offer_id, rest[1])
        column = rest[2] if len(rest) >= 3 and isinstance(rest[2], str) else "value"
    elif rest[:1] == ("description",) and len(rest) >= 2:
        key, column = offer_name(offer_id, f"description.{rest[1]}"), "value"
    else:
        part = rest[0] if rest and isinstance(rest[0], str) else "name"
        key, column = offer_name(offer_id, part), "value"
    if key not in rows:
        first = [r for k, r in rows.items() if k.startswith(offer_name(offer_id, ""))]
        return Where(row=min(first), field="field", value=key) if first else None
    text = cell_text(raw[key].get(column))
    return Where(row=rows[key], field=column, value=NO_VALUE if text is None else text)
