"""The fences engine: ``network``, ``diagram`` and ``generated`` fences, and their figures."""
