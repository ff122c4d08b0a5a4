"""Exporting a round's responses by the privacy rules: the table and its codebook (table)
and writing it as CSV or XLSX (files).
"""
