"""Provides the corpus stage: the files of a folder found (discovery), decoded (decoding), read
in their format (reading, formats/), cut into paragraphs and sentences (paragraphs, sentences,
abbreviations, boilerplate), their languages detected (language), their text made safe to
print (sanitize).

The modules are imported by name (`briefing.corpus.discovery`, `briefing.corpus.paragraphs`):
the package itself imports nothing, so listing files does not load the paragraph cutter.
"""
