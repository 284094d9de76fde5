"""Provides corroboration across sources: facts grouped across files, conflicts, the briefing.

It reads the index and never the other way round: the index records each paragraph's
statement sentences (briefing.index.statements) and calls the collector the build is handed
(during_build, through briefing.index.hooks.FactsHook).
At index time: the statement sentences -> anchors of each distinct one (table, anchors,
glossary) -> candidate pairs blocked on rare features, similarity, groups (grouping,
similarity) -> conflicts between groups (conflicts) -> LexRank centrality (centrality) ->
ranked facts and key actors (pipeline, actors) -> the index's fact tables
(briefing.index.fact_rows). during_build runs it during a build; tables.precompute from a
finished index's paragraphs.
At question time only lookups: sources and conflicts of answers (attach), the briefing
(digest), as model objects (views).
"""
