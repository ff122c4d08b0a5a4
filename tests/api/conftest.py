"""The API tests use the planner's fixtures (isolated requests, users by role, responses)."""

from tests.planner.conftest import (  # noqa: F401
    add_responses,
    isolated_requests,
    login_as,
    post_form,
    quick_password_hashes,
)
