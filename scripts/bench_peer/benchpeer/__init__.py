"""A tiny Django app holding the management command that creates the benchmark survey."""
