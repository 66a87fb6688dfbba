"""The one safe-HTML allow-list, its sanitizers, and the characters and names a contributor may not use."""
