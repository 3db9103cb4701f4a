"""A tenant's members and administrators as seed 004's "users" (issue 13): one set of people, each
with a role (`member` for the tenant's end users, who use its agents and hold no admin permission).

Seed 004's paths live here — `POST /admin/users/invite` and `POST /admin/users/{id}/resend` — on the
same rules as `/admin/invitations` (one service function creates every invitation, so a users quota
is checked in one place). A person invited but not yet signed up is a *pending* user whose id is
their invitation's: `GET /admin/users?status=pending` lists them, `GET /admin/users/{id}` shows one,
`POST …/resend` mails a fresh link and `DELETE /admin/users/{id}` withdraws the invitation.
"""
