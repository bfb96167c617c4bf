"""The speed-ups that lean on another library's internals, each switched off outside the
versions it was tested with (guards.py); each module's docstring names the share it saves."""
