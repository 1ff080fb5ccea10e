"""Drill layer: the DRILL TARGET stand-in for Clinical OS, its faults, drill runs and recorded results.

May import: data and the top modules.
"""
