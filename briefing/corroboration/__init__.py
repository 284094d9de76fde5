"""Provides corroboration across sources: facts grouped across files, conflicts, the briefing.

At index time: the statement sentences of each paragraph (statements, sentences; found
while the index analyses it) -> anchors of each distinct one (table, anchors, glossary) ->
candidate pairs blocked on rare features, similarity, groups (grouping, similarity) ->
conflicts between groups (conflicts) -> LexRank centrality (centrality) -> ranked facts and
key actors (pipeline, actors) -> fact_* tables (store). briefing.index.facts runs it during a
build; store.precompute runs it from a finished index's paragraphs.
At question time only lookups: sources and conflicts of answers (attach), the briefing
(digest), their output (render).
"""
