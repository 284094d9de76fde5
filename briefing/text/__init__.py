"""Provides the text analysis shared by the index and the query path: words, terms, languages."""
