"""Helpers for the operations tests: log capture at INFO, and JSON log lines."""
from __future__ import annotations

import json
import logging

import pytest

from knowledge_platform.ops.logs import APP_LOGGER


@pytest.fixture
def info_logs():
    """The platform's loggers at INFO for one test (apps under test start at WARNING)."""
    logger = logging.getLogger(APP_LOGGER)
    level = logger.level
    logger.setLevel(logging.INFO)
    yield
    logger.setLevel(level)


def json_lines(output: str) -> list[dict]:
    """Every line of ``output``, parsed (a line that is not JSON fails the test)."""
    return [json.loads(line) for line in output.splitlines() if line.strip()]
