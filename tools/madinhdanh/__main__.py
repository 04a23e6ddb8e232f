"""``python -m madinhdanh`` is ``mdd``."""

from .cli import main

main()
