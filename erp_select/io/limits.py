"""Hard limits on what a file may contain before we read it (size, rows, aliases, depth)."""

from __future__ import annotations

#: Largest file accepted, in bytes (YAML, JSON, criteria and questionnaire tables, project
#: files, and the XLSX archive itself).
MAX_BYTES = 5 * 1024 * 1024
#: Largest vendor table accepted (CSV or XLSX), in bytes: a long list (issue 20). Measured:
#: 10 000 vendors with forty facts each (units, dates, evidence; no sources) weigh 31 MB in
#: CSV; sources and descriptions add about half. The column reader
#: (:mod:`erp_select.io.vendor_columns`) reads such a file in seconds.
MAX_TABLE_BYTES = 64 * 1024 * 1024
#: Largest total uncompressed size of the members of an XLSX archive (zip bombs).
MAX_XLSX_UNCOMPRESSED = 50 * 1024 * 1024
#: Most data rows in a CSV file or an XLSX sheet (the vendor table has one row per fact
#: and per profile field, some 50 for a demo vendor with fifteen facts).
MAX_ROWS = 50_000
#: Most data rows in a vendor table (CSV or XLSX sheet): 10 000 vendors of some sixty rows
#: (profile fields and facts), with room to spare.
MAX_TABLE_ROWS = 750_000
#: Most vendors in the vendor files of one project (a market scan's long list): screening
#: and ranking handle them; the sensitivity analyses follow the leading vendors only.
MAX_VENDORS = 10_000
#: Most columns in a CSV file or an XLSX sheet.
MAX_COLUMNS = 64
#: Most nodes that YAML aliases may add to a document once expanded ("billion laughs").
MAX_ALIAS_EXPANSION = 10_000
#: Deepest nesting accepted in YAML/JSON documents and in criteria trees.
MAX_DEPTH = 40
