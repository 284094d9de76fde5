"""Provides the corpus stage: finding files, decoding them, and cutting them into paragraphs.

The modules are imported by name (`briefing.corpus.files`, `briefing.corpus.paragraphs`):
the package itself imports nothing, so listing files does not load the paragraph cutter.
"""
