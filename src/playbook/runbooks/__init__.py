"""Runbooks layer: read code blocks from rendered pages, generate runbooks/, run the real tools, walk a runbook.

May import: data and the top modules.
"""
