"""The history of scored periods in an embedded SQLite database.

Per period: the rubric (id, version, SHA-256, full text), every input value with its evidence,
and every result (scores, ranks, bands, coverage, contributions). `schema` opens and migrates the
database, `record` stores a period, `read` queries it, `ingest` fills in the shipped earlier
periods, `export` writes it out as CSV or XLSX.
"""
