"""End-to-end tests onboard real administrators through identity's own flow."""

from radiant_testing.onboarding import forget_loopback_login_failures, invite, login, onboard  # noqa: F401
