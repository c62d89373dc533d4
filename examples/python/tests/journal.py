"""What the stub recorded: its request journal, read through the admin API."""

from datetime import datetime
from itertools import pairwise
from typing import Any

import httpx


def recorded(stub_url: str, api: str) -> list[dict[str, Any]]:
    """The requests to one API, as the stub names it (access-profiles-v1, …), in order."""
    response = httpx.get(f"{stub_url}/__stub/requests", params={"api": api})
    response.raise_for_status()
    entries: list[dict[str, Any]] = response.json()["requests"]
    return entries


def gaps(entries: list[dict[str, Any]]) -> list[float]:
    """Seconds between one request's arrival and the next's."""
    times = [datetime.fromisoformat(entry["time"]) for entry in entries]
    return [(later - earlier).total_seconds() for earlier, later in pairwise(times)]


def statuses(entries: list[dict[str, Any]]) -> list[int]:
    return [entry["response"]["status"] for entry in entries]
