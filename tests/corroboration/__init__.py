"""Tests of briefing.corroboration: facts across sources, conflicts, the briefing."""
