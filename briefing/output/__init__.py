"""Provides the output stage: what the front ends print. Plain text with Rich (plain, brief,
labels, styles), JSON (to_json), the build's progress bar (progress), the help of the search
syntax (help), and the cleaning of text they did not write (safe)."""
