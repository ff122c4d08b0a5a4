"""The sign-in tests use the planner's fixtures (isolated requests, cheap hashes)."""

from tests.planner.conftest import (  # noqa: F401
    isolated_requests,
    quick_password_hashes,
)
