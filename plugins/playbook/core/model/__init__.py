"""The playbook's objects: principles, paths, docs pages, sections, the field catalogue and the link
graph. No addresses: those are the site's."""
