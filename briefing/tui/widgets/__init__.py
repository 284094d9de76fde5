"""Provides the reader's widgets: header, question box, answer panel, results and progress."""
