"""The core of the docs build: the build object, its cache, failures and summary, and running
code as a reader would paste it. It imports no engine: engines receive a Build and register
with it."""
