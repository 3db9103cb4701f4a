"""The console's sessions: sign-in, refresh and sign-out with the refresh token in a cookie.

The console (`/console/`, served by the gateway) keeps the access token in memory only; its refresh
token lives in an HttpOnly, Secure, SameSite=Strict cookie scoped to these routes' path, so no script
on the page — nor any other site — can read or send it. The rules are the ones of `/auth/login` and
`/auth/refresh` (identity's `auth_service`); only where the refresh token travels differs.
"""
