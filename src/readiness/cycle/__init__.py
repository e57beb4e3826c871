"""The quarterly cycle: `readiness run` validates, scores, renders, records the history, writes
next period's workbook and the manifest, into `reports/<period>/`, all or nothing.

`plan` resolves what to run from the options and the repository's layout; `fingerprint` decides
whether the period folder can be reused unchanged; `pipeline` does the run.
"""
