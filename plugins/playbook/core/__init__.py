"""The engine-neutral playbook, in stages (one folder each; tests/test_layout.py keeps the order):
sources -> model -> safety -> checks -> formats -> site. Nothing here imports mkdocs or material.

What scripts/ use comes from here, and only from here (tests/test_layout.py): load and check, plan,
render, export, the data and offline files, search, the published-address manifest, the input error.
"""

from .formats.file_names import RESERVED_IDS, WINDOWS_DEVICE_NAMES, windows_name_message
from .formats.loader import load_files, load_principles, schema
from .formats.paths import PATHS_FOLDER_NAME, read_paths
from .formats.synonyms import light_stem
from .formats.tag_vocabulary import read_tag_vocabulary
from .model.principle import Principle
from .site.addresses import PRACTICE_URI, path_address, principle_address
from .site.assemble import Playbook, load_playbook
from .site.bundles import docs_rules
from .site.manifest import list_address, read_manifest_text, updated_manifest
from .site.markdown_export import (
    ExportSources,
    export_playbook,
    export_sources,
    load_for_export,
    write_export,
)
from .site.offline import PRECACHE_LIMIT, plan_precache, write_service_worker
from .site.page_parts import PAGE_LIMIT_BYTES, configured_page_limit
from .site.pages import check_site, part_addresses
from .site.render import PageRenderer
from .site.review import stale_principles
from .site.search import BUNDLE_DIR, SearchIndexError, index_site
from .sources.errors import InputProblem, PlaybookInputError, one_line, problem_count
from .sources.site_config import plugin_options, read_site_config
from .sources.source_files import (
    PAGE_LIMIT,
    PRINCIPLE_SUFFIXES,
    create_file,
    display_path,
    principle_files,
    write_file,
)
from .sources.source_map import SourceMap

__all__ = [
    "BUNDLE_DIR",
    "PAGE_LIMIT",
    "PAGE_LIMIT_BYTES",
    "PATHS_FOLDER_NAME",
    "PRACTICE_URI",
    "PRECACHE_LIMIT",
    "PRINCIPLE_SUFFIXES",
    "RESERVED_IDS",
    "WINDOWS_DEVICE_NAMES",
    "ExportSources",
    "InputProblem",
    "PageRenderer",
    "Playbook",
    "PlaybookInputError",
    "Principle",
    "SearchIndexError",
    "SourceMap",
    "check_site",
    "configured_page_limit",
    "create_file",
    "display_path",
    "docs_rules",
    "export_playbook",
    "export_sources",
    "index_site",
    "light_stem",
    "list_address",
    "load_files",
    "load_for_export",
    "load_playbook",
    "load_principles",
    "one_line",
    "part_addresses",
    "path_address",
    "plan_precache",
    "plugin_options",
    "principle_address",
    "principle_files",
    "problem_count",
    "read_manifest_text",
    "read_paths",
    "read_site_config",
    "read_tag_vocabulary",
    "schema",
    "stale_principles",
    "updated_manifest",
    "windows_name_message",
    "write_export",
    "write_file",
    "write_service_worker",
]
