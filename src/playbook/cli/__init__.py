"""CLI layer: the `playbook` entry point (cli.main) and one module per command group.

May import: every layer.
"""
