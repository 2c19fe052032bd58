"""Files in and out: criteria, vendors and projects as YAML, JSON, CSV and XLSX."""

from erp_select.io.criteria import dump_criteria, load_criteria, read_criteria_bytes
from erp_select.io.limits import MAX_BYTES
from erp_select.io.project import dump_project, load_project, read_project_bytes
from erp_select.io.sources import FORMATS, Format, format_of
from erp_select.io.vendors import dump_vendors, load_vendors, read_vendors_bytes

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "Format",
    "dump_criteria",
    "dump_project",
    "dump_vendors",
    "format_of",
    "load_criteria",
    "load_project",
    "load_vendors",
    "read_criteria_bytes",
    "read_project_bytes",
    "read_vendors_bytes",
]
