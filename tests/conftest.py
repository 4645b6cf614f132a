"""Shared fixtures. The shared evaluation data is read from ../shared (never copied in)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.shared import shared_dir


@pytest.fixture(scope="session")
def shared() -> Path:
    return shared_dir()


@pytest.fixture(scope="session")
def seed_path(shared: Path) -> Path:
    return shared / "seeds" / "000_88f33951d7bac3d7.txt"


@pytest.fixture(scope="session")
def bench_dir(shared: Path) -> Path:
    return shared / "bench"
