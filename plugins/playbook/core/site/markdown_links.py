"""References become ordinary relative Markdown links, on every page that holds one."""

from __future__ import annotations

from ..formats.reference_syntax import Reference, replace_references
from ..model.link_graph import LinkGraph
from .addresses import markdown_link, principle_src_uri, section_url


def resolve_references(graph: LinkGraph, markdown: str, page_src_uri: str) -> str:
    """Replace every `[[...]]` with a relative Markdown link from `page_src_uri`."""

    def link(reference: Reference) -> str:
        principle = graph.principles.get(reference.target)
        if principle is None:  # only while `mkdocs serve` shows the last good playbook
            return reference.written
        href = markdown_link(page_src_uri, principle_src_uri(principle.id))
        if reference.section:
            href = section_url(href, reference.section)
        text = reference.text or principle.title
        return f"[{markdown_link_text(text)}]({href})"

    return replace_references(markdown, link)


def markdown_link_text(text: str) -> str:
    """Text safe inside `[...]`: brackets escaped so a title cannot end the link early, and `<`
    escaped so it cannot open an HTML tag (link texts are written straight into page Markdown)."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("<", "&lt;")
