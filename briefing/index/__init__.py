"""Provides the index stage: one SQLite file per corpus folder, and all the SQL of briefing.

Its schema and file name (schema), building it from the corpus (build, analysis, parallel,
statements; the corroboration tables through the hook its caller passes: hooks), opening it
warm or building it (opening, report, build_lock, superseded), reading it (store, sql), what
changed in the folder since (freshness), each file's metadata (metadata) and the
corroboration tables (fact_tables reads them, fact_rows writes them). BM25 weights: bm25.
"""
