"""Demo data: a shared workspace for three municipalities with realistic answers.

The generator (texts, noise, nynorsk) is code; its Norwegian phrases are YAML in ``data/``.
"""
