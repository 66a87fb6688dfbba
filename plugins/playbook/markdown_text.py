"""Markdown-aware text helpers shared by the link graph, the content rules and the renderer."""

from __future__ import annotations

import re

CODE = r"(?P<fence>^[ \t]*(?P<marks>`{3,}|~{3,}).*?^[ \t]*(?P=marks)[ \t]*$)|(?P<code>`+[^`\n]*?`+)"
"""Fenced blocks and inline code spans: text there is shown exactly as written."""
CODE_PATTERN = re.compile(CODE, re.MULTILINE | re.DOTALL)
MARKDOWN_LINK = re.compile(r"\]\(\s*<?(?P<target>[^)\s>]*)")
"""The address of an inline Markdown link or image: `[text](address)`."""
URL_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""The only link schemes a reader's browser is given."""


def blank_out_code(markdown: str) -> str:
    """The text with code replaced by spaces, line breaks kept, so positions still count lines."""
    return CODE_PATTERN.sub(lambda match: re.sub(r"[^\n]", " ", match[0]), markdown)


def escape_html(markdown: str) -> str:
    """Every `<` becomes `&lt;`: raw HTML a contributor writes is shown as text, never run.

    Markdown itself (emphasis, links, lists, quotes) keeps working. Code is not exempt: guessing
    where Markdown sees code (escaped backticks, indented fences) is how HTML slips through. Inside
    code Markdown escapes the `&` again; the plugin turns that `&amp;lt;` back into `&lt;`.
    """
    return markdown.replace("<", "&lt;")
