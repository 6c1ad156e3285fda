"""Counters of the login limits, kept in the database so every worker counts the same."""
from __future__ import annotations

from sqlalchemy import Float, String
from sqlalchemy.orm import Mapped, mapped_column

from knowledge_platform.db import Model


class RateLimitCounter(Model):
    """Hits on one limit key ("account:…", "address:…") in its current window."""

    __tablename__ = "rate_limit"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
    # When the window ends, in seconds since the epoch (the limits library's unit).
    expires_at: Mapped[float] = mapped_column(Float, index=True)
