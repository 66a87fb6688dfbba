"""Markdown-aware text helpers shared by the link graph, the content rules and the renderer."""

from __future__ import annotations

CODE = r"(?P<fence>^[ \t]*(?P<marks>`{3,}|~{3,}).*?^[ \t]*(?P=marks)[ \t]*$)|(?P<code>`+[^`\n]*?`+)"
"""Fenced blocks and inline code spans: text there is shown exactly as written."""


def escape_html(markdown: str) -> str:
    """Every `<` becomes `&lt;`: raw HTML a contributor writes is shown as text, never run.

    Markdown itself (emphasis, links, lists, quotes) keeps working. Code is not exempt: guessing
    where Markdown sees code (escaped backticks, indented fences) is how HTML slips through. Inside
    code Markdown escapes the `&` again; the plugin turns that `&amp;lt;` back into `&lt;`.
    """
    return markdown.replace("<", "&lt;")
