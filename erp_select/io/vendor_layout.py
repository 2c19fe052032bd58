"""The long vendor table: its columns and the profile fields it carries as rows.

Shared by the reader (:mod:`erp_select.io.vendor_tables`) and the writer
(:mod:`erp_select.io.vendor_writer`); :mod:`erp_select.io.vendors` describes the layout.
"""

from __future__ import annotations

COLUMNS = (
    "vendor_id",
    "field",
    "value",
    "low",
    "high",
    "count",
    "unit",
    "source",
    "date",
    "evidence",
    "effort_days",
    "comment",
)
#: Columns written only when some vendor has answers to the requirements questionnaire.
ANSWER_COLUMNS = ("effort_days", "comment")
REQUIRED = ("vendor_id", "field", "value")
SHEET = "vendors"
FACT_PREFIX = "facts."
ANSWER_PREFIX = "answers."
NO_EVIDENCE = "none"
FILE_SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".xlsx")

TEXT_FIELDS = ("name", "product", "description.fr", "description.en", "licence_model", "format")
BOOL_FIELDS = ("demo", "vertical")
LIST_FIELDS = ("editions", "deployment", "company_sizes", "sectors", "integrators")
PROFILE_FIELDS = frozenset((*TEXT_FIELDS, *BOOL_FIELDS, *LIST_FIELDS, "version"))
FACT_COLUMNS = ("low", "high", "count", "unit", "source", "date", "evidence")
ANSWER_FIELDS = {
    "value": "answer",
    "effort_days": "effort_days",
    "comment": "comment",
    "evidence": "evidence",
}
COLUMN_OF_ANSWER = {v: k for k, v in ANSWER_FIELDS.items()}
