"""The MkDocs adapter: the macros entry point, the `playbook` plugin, the first half of a build, the build.

Everything that imports MkDocs lives here. May import: site and every layer below it.
"""
