"""What a planner sees of a round: the published snapshot every aggregate is computed over
(snapshots), the suppressed overview tables (overview) and their bar charts (charts).
"""
