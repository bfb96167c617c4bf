"""``python -m picturenn``: the same commands as ``picturenn`` (see [picturenn.cli][])."""

from picturenn.cli import main

raise SystemExit(main())
