"""What an id, and so a file name, may not be: names the site's own pages take, and names Windows
keeps for devices."""

from __future__ import annotations

RESERVED_IDS = frozenset({"index", "tags", "search", "assets", "schema"})
"""Ids (and aliases) whose page would collide with the site's own pages under /principles/."""


RESERVED_TAGS = frozenset({"index"})
"""Tags whose page would collide with the tags overview at /tags/."""


WINDOWS_DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{port}{digit}" for port in ("com", "lpt") for digit in range(10)}
)
"""Names Windows keeps for devices: a file or folder so named cannot be checked out there."""


def windows_name_message(name: str) -> str:
    return (
        f"'{name}' is a device name on Windows: a file or folder so named cannot be checked out "
        "there; choose another"
    )
