"""One module per part of the stack, each a `Component` (base.py)."""
