"""Checks layer: the rule engine and one module per rule family; pages are read through checks.pages.

May import: incident, alerts, runbooks, data and the top modules.
"""
