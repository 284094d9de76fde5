"""Provides corroboration across sources: facts grouped across files, conflicts, the briefing.

At index time (store.precompute, pipeline.compute): sentences (sentences) -> anchors of each
(anchors, glossary) -> candidate pairs blocked on rare features, similarity, groups
(grouping, similarity) -> conflicts between groups (conflicts) -> LexRank centrality
(centrality) -> ranked facts and key actors (pipeline, actors) -> fact_* tables (store).
At question time only lookups: sources and conflicts of answers (attach), the briefing
(digest), their output (render).
"""
