"""Provides the BM25 index over corpus paragraphs: building, caching and reading it."""
