"""The readers: principle, path, tag vocabulary, synonyms and docs page files, the `[[id]]` grammar,
and the link graph's checks."""
