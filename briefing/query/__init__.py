"""Provides the query stage: a question analysed once against an index (question: its syntax,
words, language, corrections, restriction), its passages ranked (ranking), restricted by its
syntax (syntax, restriction), its answers chosen (answers, cues, answer_types, candidates) and
its words highlighted (highlight)."""
