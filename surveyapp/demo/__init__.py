"""Demo data: a shared workspace for three municipalities with realistic answers."""
