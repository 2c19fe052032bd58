"""Hard limits on what a file may contain before we read it (size, rows, aliases, depth)."""

from __future__ import annotations

#: Largest file accepted, in bytes (YAML, JSON, CSV and the XLSX archive itself).
MAX_BYTES = 5 * 1024 * 1024
#: Largest total uncompressed size of the members of an XLSX archive (zip bombs).
MAX_XLSX_UNCOMPRESSED = 50 * 1024 * 1024
#: Most data rows in a CSV file or an XLSX sheet.
MAX_ROWS = 50_000
#: Most columns in a CSV file or an XLSX sheet.
MAX_COLUMNS = 64
#: Most nodes that YAML aliases may add to a document once expanded ("billion laughs").
MAX_ALIAS_EXPANSION = 10_000
#: Deepest nesting accepted in YAML/JSON documents and in criteria trees.
MAX_DEPTH = 40
