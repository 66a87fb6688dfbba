"""The engine-neutral playbook: sources, checks, the link graph, addresses and rendering to Markdown.

Nothing here imports mkdocs or material (tests/test_layout.py checks it).
"""
