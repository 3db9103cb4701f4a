"""Identity's integration fixtures come from the package's test support module (shared with e2e)."""

from radiant_testing.onboarding import (  # noqa: F401 - pytest registers fixtures found here
    PASSWORD,
    Onboarded,
    forget_loopback_login_failures,
    invite,
    login,
    new_email,
    new_tenant,
    onboard,
    token_from_email,
)
from radiant_testing.operators import onboard_operator, operator_login  # noqa: F401 - platform operators
