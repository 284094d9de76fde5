"""Provides the reader's screens: main, source view, help, statistics and corpus switching."""
