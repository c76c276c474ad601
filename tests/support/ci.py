"""Preconditions of a test: skipped on a machine that lacks them, failed in CI (CI=true), where they must hold."""

from __future__ import annotations

import os

import pytest


def require(condition: object, message: str) -> None:
    """Skip the test with `message` unless `condition` holds; when CI=true, fail it instead."""
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
