"""``python -m picturenn``: see :mod:`picturenn.cli`."""

from picturenn.cli import main

raise SystemExit(main())
