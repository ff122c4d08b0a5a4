"""Plain functions that change or query state. Views and CLI commands call them and commit."""
