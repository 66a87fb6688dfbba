"""The MkDocs adapter: events, generated files, serve-mode state and theme fixes over playbook.core."""
