"""Analysis runs of free-text answers: creating and running them (runs), storing results
(store), the adapter onto the ``analysis`` library (engine) and planners' codebooks.
"""
