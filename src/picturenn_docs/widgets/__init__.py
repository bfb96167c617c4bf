"""Fences that move: linked views and players, every state computed at build time.

:mod:`~picturenn_docs.widgets.render` picks the widget a fence asks for; each
widget's states are computed and checked against picturenn here, and
``docs/javascripts/widgets.js`` only picks which state to show.
"""
