"""Markdown-aware text helpers shared by the link graph, the content rules and the renderer."""

from __future__ import annotations

import re

CODE = r"(?P<fence>^[ \t]*(?P<marks>`{3,}|~{3,}).*?^[ \t]*(?P=marks)[ \t]*$)|(?P<code>`+[^`\n]*?`+)"
"""Fenced blocks and inline code spans: text there is shown exactly as written."""

_CODE_OR_TAG = re.compile(CODE + r"|(?P<tag><)", re.MULTILINE | re.DOTALL)


def escape_html(markdown: str) -> str:
    """`<` outside code becomes `&lt;`: raw HTML a contributor writes is shown as text, never run.

    Markdown itself (emphasis, links, lists, quotes) keeps working; code spans and fences are left
    alone because Markdown already shows them literally.
    """
    if "<" not in markdown:
        return markdown
    return _CODE_OR_TAG.sub(lambda match: "&lt;" if match["tag"] else match[0], markdown)
