"""Hard limits on what a file may contain before we read it (size, rows, aliases, depth)."""

from __future__ import annotations

#: Largest file accepted, in bytes (YAML, JSON, CSV and the XLSX archive itself): a long
#: list of 10 000 vendors with fifteen facts each is about 32 MB in the vendor table's CSV
#: layout (one row per fact); read into memory a file takes some 10 to 20 times its size,
#: so one upload stays within about half a gigabyte on a shared server.
MAX_BYTES = 32 * 1024 * 1024
#: Largest total uncompressed size of the members of an XLSX archive (zip bombs).
MAX_XLSX_UNCOMPRESSED = 50 * 1024 * 1024
#: Most data rows in a CSV file or an XLSX sheet: the vendor table has one row per fact
#: and per profile field, some 50 for a demo vendor with fifteen facts (10 000 × 60).
MAX_ROWS = 600_000
#: Most vendors in the vendor files of one project (a market scan's long list): screening
#: and ranking handle them; the sensitivity analyses follow the leading vendors only.
MAX_VENDORS = 10_000
#: Most columns in a CSV file or an XLSX sheet.
MAX_COLUMNS = 64
#: Most nodes that YAML aliases may add to a document once expanded ("billion laughs").
MAX_ALIAS_EXPANSION = 10_000
#: Deepest nesting accepted in YAML/JSON documents and in criteria trees.
MAX_DEPTH = 40
