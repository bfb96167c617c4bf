"""The engines: examples, doctests, fences, notebooks, math, questions, glossary and inline
values. Each is one module (fences: one package) that imports only the core and the library."""
