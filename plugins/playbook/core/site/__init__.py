"""The site: addresses, the published-address promise, every check before writing, pages, rendering,
data files, search, offline, exports."""
