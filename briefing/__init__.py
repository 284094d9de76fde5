"""briefing: extractive, cited answers from a folder of news articles, in the terminal."""

__version__ = "0.1.0"
