"""Provides `python -m briefing`, the same entry point as the `briefing` command."""

import sys

from briefing.cli import main

sys.exit(main())
