"""Billing's integration fixtures: real administrators (identity's invite → accept flow) for the
approval tests, whose executor asks identity about the requester."""

from radiant_testing.onboarding import (  # noqa: F401 - pytest registers fixtures found here
    forget_loopback_login_failures,
    invite,
    login,
    onboard,
)
