"""Site-generator adapters: everything specific to one generator lives in its own subpackage here.

May import: site and every layer below it.
"""
