"""The plan report: collected as plain data (build), laid out as Word, Markdown or HTML
(render), served as a file (files); shown numbers (numbers), the youth council (youth).
"""
