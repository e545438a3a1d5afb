"""The command line (see README.md, "Command line"): one module per group of verbs.

Exit status: 0 success, 2 usage error, 1 any other failure, with a one-line message on
stderr that says what went wrong and what to do. No traceback ever reaches the user: an
unexpected error is logged (logs/lia-desktop.log in the data folder) and told in one line.
"""

from lia_desktop.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
