"""Packaging: the bundled catalogue's top-level folders become package data of ``erp_select``."""

from setuptools import find_packages, setup

# Package → folder of the checkout; ``erp_select.bundled.folder`` finds them once installed.
BUNDLED = {
    "erp_select.bundled.criteria": "criteria",
    "erp_select.bundled.criteria.requirements": "criteria/requirements",
    "erp_select.bundled.vendors": "vendors",
    "erp_select.bundled.streamlit": ".streamlit",
}
PACKAGE_FILES = [
    "**/*.yaml",
    "**/*.json",
    "**/*.html",
    "**/*.css",
    "**/*.j2",
    "**/*.mako",
    "**/*.ini",
]

setup(
    packages=[*find_packages(include=["erp_select*"]), *BUNDLED],
    package_dir=BUNDLED,
    package_data={
        "erp_select": [*PACKAGE_FILES, "**/*.png"],
        "erp_select.bundled.criteria": ["*.yaml"],
        "erp_select.bundled.criteria.requirements": ["*.yaml"],
        "erp_select.bundled.vendors": ["*.yaml", "*.md"],
        "erp_select.bundled.streamlit": ["config.toml"],
    },
)
