"""Provides the benchmark scripts (speed and quality) as an importable package for the tests."""
