"""What happens to a run's themes afterwards: the planner's review actions (review),
the counts and quotes behind each theme (stats) and group comparisons (compare).
"""
