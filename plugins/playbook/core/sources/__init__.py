"""Reading: files, YAML with positions, the source map, the site's config; the input error."""
