"""Provides the interactive reader: the only part of briefing that imports textual."""
