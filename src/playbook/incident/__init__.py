"""Incident layer: classify signals, who is contacted, incident records, post-mortem checks, business days.

May import: data and the top modules.
"""
