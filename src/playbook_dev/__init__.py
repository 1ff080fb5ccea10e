"""Developer tools, not shipped in the wheel: the benchmark, synthetic playbooks, the browser driver, screenshots.

May import: playbook (any layer). The playbook package never imports this one.
"""
