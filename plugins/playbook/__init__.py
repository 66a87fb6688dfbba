"""Sales playbook: principles written as YAML files, published as an MkDocs site."""
