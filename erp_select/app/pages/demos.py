"""Demonstrations page: the demo script vendors follow, and the calls to their references."""

from __future__ import annotations

from erp_select.app import widgets
from erp_select.app.demo_editor import script_section
from erp_select.app.demo_effect_view import effect_section
from erp_select.app.reference_calls import calls_section


def main() -> None:
    """Draw the demonstrations page."""
    current = widgets.open_page("nav.demos")
    if current is None:
        return
    with widgets.boundary():
        script_section(current)
        effect_section(current)
        calls_section(current)


main()
