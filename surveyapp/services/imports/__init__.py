"""Importing answers from other survey tools: reading the file (files), converting cells
(values), keeping the upload between steps (stash) and mapping and storing rows (importer).
"""
