"""Email content (the seed's invitation and approval emails). Every interpolated value is escaped:
names, messages and app names are user text and must not become markup in a mail client."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from html import escape

from radiant_platform import console_links


@dataclass(frozen=True)
class EmailContent:
    subject: str
    html: str
    text: str


def accept_url(console_url: str, token: str) -> str:
    """The console's accept page; identity's own static page at /accept-invitation still answers
    links sent before the console took over."""
    return console_links.accept_invitation(console_url, token)


def approval_page_url(console_url: str, approval_id: str) -> str:
    """The console's page of one approval request (approval emails and notifications link to it)."""
    return console_links.approval(console_url, approval_id)


def _long_date(value: datetime) -> str:
    return f"{value:%A}, {value:%B} {value.day}, {value:%Y}"  # e.g. "Friday, March 14, 2025"


def invitation_email(
    *,
    inviter_name: str,
    role: str,
    app_name: str,
    environment: str,
    accept_link: str,
    expires_at: datetime,
    message: str | None,
    reminder: bool = False,
) -> EmailContent:
    e = escape
    quote_block = (
        f'<blockquote style="background: #f8f9fa; padding: 15px; border-left: 4px solid #007bff; margin: 20px 0;">'
        f'"{e(message)}"</blockquote>'
        if message
        else ""
    )
    html = f"""<!DOCTYPE html>
<html>
<head>
  <meta charset="utf-8">
  <title>You've Been Invited to {e(app_name)}</title>
</head>
<body style="font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, sans-serif; background: #f5f5f5; padding: 40px;">
  <div style="max-width: 600px; margin: 0 auto; background: white; border-radius: 8px; padding: 40px;">
    <h1 style="color: #1a1a1a; margin-bottom: 20px;">You're Invited!</h1>
    <p><strong>{e(inviter_name)}</strong> has invited you to join <strong>{e(app_name)}</strong> as a <strong>{e(role)}</strong> for the <strong>{e(environment)}</strong> environment.</p>
    {quote_block}
    <div style="text-align: center; margin: 30px 0;">
      <a href="{e(accept_link, quote=True)}" style="display: inline-block; padding: 14px 32px; background: #007bff; color: white; text-decoration: none; border-radius: 6px; font-weight: 600;">Accept Invitation</a>
    </div>
    <p style="color: #666; font-size: 14px;">This invitation expires on <strong>{e(_long_date(expires_at))}</strong></p>
  </div>
</body>
</html>"""
    text = f"You've been invited to {app_name} by {inviter_name} as a {role}. Accept: {accept_link}"
    subject = f"{'Reminder: ' if reminder else ''}You've been invited to {app_name}"
    return EmailContent(subject=subject, html=html, text=text)


def approval_email(
    *,
    approver_name: str,
    requester_name: str,
    app_name: str,
    environment: str,
    action: str,
    resource_type: str,
    resource_id: str,
    approve_url: str,
    reject_url: str,
) -> EmailContent:
    e = escape
    html = f"""<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Approval Required - {e(app_name)}</title></head>
<body style="font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, sans-serif; background: #f5f5f5; padding: 40px;">
  <div style="max-width: 600px; margin: 0 auto; background: white; border-radius: 8px; overflow: hidden;">
    <div style="background: #ffc107; padding: 20px; text-align: center;">
      <h1 style="margin: 0; color: #1a1a1a;">Approval Required</h1>
    </div>
    <div style="padding: 30px;">
      <p>Hi {e(approver_name)},</p>
      <p><strong>{e(requester_name)}</strong> has requested approval for:</p>
      <div style="background: #f8f9fa; padding: 20px; border-radius: 6px; margin: 20px 0;">
        <p><strong>Environment:</strong> {e(environment.upper())}</p>
        <p><strong>Action:</strong> {e(action)}</p>
        <p><strong>Resource:</strong> {e(resource_type)} ({e(resource_id)})</p>
      </div>
      <div style="text-align: center; margin: 30px 0;">
        <a href="{e(approve_url, quote=True)}" style="display: inline-block; padding: 14px 32px; background: #28a745; color: white; text-decoration: none; border-radius: 6px; font-weight: 600; margin-right: 10px;">Approve</a>
        <a href="{e(reject_url, quote=True)}" style="display: inline-block; padding: 14px 32px; background: #dc3545; color: white; text-decoration: none; border-radius: 6px; font-weight: 600;">Reject</a>
      </div>
      <p style="color: #dc3545; font-size: 12px; text-align: center;">Production changes require two-person approval</p>
    </div>
  </div>
</body>
</html>"""
    text = (
        f"APPROVAL REQUIRED: {requester_name} requests approval for {action} on {resource_type}. "
        f"Approve: {approve_url} Reject: {reject_url}"
    )
    return EmailContent(subject=f"Approval Required: {action} - {app_name}", html=html, text=text)


def notification_email(*, title: str, message: str, action_url: str | None) -> EmailContent:
    e = escape
    link = f'<p><a href="{e(action_url, quote=True)}">Open</a></p>' if action_url else ""
    html = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(title)}</title></head><body>'
        f"<h2>{e(title)}</h2><p>{e(message)}</p>{link}</body></html>"
    )
    text = f"{title}\n\n{message}" + (f"\n\n{action_url}" if action_url else "")
    return EmailContent(subject=title, html=html, text=text)


def mfa_code_email(*, code: str, app_name: str) -> EmailContent:
    e = escape
    html = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p>Your {e(app_name)} sign-in code is '
        f"<strong>{e(code)}</strong>. It expires in 10 minutes.</p></body></html>"
    )
    return EmailContent(
        subject=f"Your {app_name} sign-in code",
        html=html,
        text=f"Your {app_name} sign-in code is {code}. It expires in 10 minutes.",
    )


def verification_code_email(*, code: str, app_name: str) -> EmailContent:
    """A code that proves the second factor while signed in (step-up, changing a factor)."""
    e = escape
    html = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p>Your {e(app_name)} verification code '
        f"is <strong>{e(code)}</strong>. It expires in 10 minutes.</p><p>It was asked for by someone signed in "
        "as you, to confirm a sensitive action. If that was not you, change your password.</p></body></html>"
    )
    return EmailContent(
        subject=f"Your {app_name} verification code",
        html=html,
        text=f"Your {app_name} verification code is {code}. It expires in 10 minutes. It was asked for by someone "
        "signed in as you, to confirm a sensitive action. If that was not you, change your password.",
    )


class FactorChange(StrEnum):
    AUTHENTICATOR = "authenticator"
    RECOVERY_CODES = "recovery_codes"


_FACTOR_CHANGES = {
    FactorChange.AUTHENTICATOR: "An authenticator app was set up as the second factor of your account.",
    FactorChange.RECOVERY_CODES: "New recovery codes were created for your account; the previous ones no longer work.",
}


def factor_change_summary(change: FactorChange) -> str:
    return _FACTOR_CHANGES[change]


def factor_changed_email(*, change: FactorChange, app_name: str, at: datetime, ip: str | None) -> EmailContent:
    """Told to the owner of every factor change, so one they did not make does not go unnoticed."""
    e = escape
    summary = factor_change_summary(change)
    when = f"{_long_date(at)} at {at:%H:%M} UTC" + (f", from {ip}" if ip else "")
    warning = "If you did not make this change, contact your administrator at once: someone may be signed in as you."
    html = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(app_name)}</title></head><body>'
        f"<h2>Your second factor changed</h2><p>{e(summary)}</p><p>{e(when)}.</p>"
        f'<p style="color: #dc3545;">{e(warning)}</p></body></html>'
    )
    return EmailContent(
        subject=f"Your {app_name} second factor changed",
        html=html,
        text=f"{summary}\n\n{when}.\n\n{warning}",
    )


# --- account self-service (account/, digests/) ----------------------------------------------------


def reset_password_url(console_url: str, token: str) -> str:
    return console_links.reset_password(console_url, token)


def password_reset_email(*, app_name: str, tenant_name: str, reset_link: str, minutes: int) -> EmailContent:
    """The forgotten-password link: single use, short-lived; harmless to ignore."""
    e = escape
    ignore = "If you did not ask for this, ignore this email: your password stays as it is."
    html = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(app_name)}</title></head><body>'
        f"<h2>Reset your {e(app_name)} password</h2>"
        f"<p>Someone asked to reset the password of your account in <strong>{e(tenant_name)}</strong>.</p>"
        f'<p><a href="{e(reset_link, quote=True)}">Choose a new password</a></p>'
        f"<p>The link works once, within {minutes} minutes.</p><p>{e(ignore)}</p></body></html>"
    )
    text = (
        f"Someone asked to reset the password of your {app_name} account in {tenant_name}.\n\n"
        f"Choose a new password: {reset_link}\n\nThe link works once, within {minutes} minutes. {ignore}"
    )
    return EmailContent(subject=f"Reset your {app_name} password", html=html, text=text)


def password_changed_email(*, app_name: str, how: str, at: datetime, ip: str | None) -> EmailContent:
    """Told to the owner whenever their password changes (changed or reset), whatever their preferences."""
    e = escape
    when = f"{_long_date(at)} at {at:%H:%M} UTC" + (f", from {ip}" if ip else "")
    summary = f"The password of your account was {how}; every session signed in before that has been signed out."
    warning = "If you did not make this change, contact your administrator at once: someone may be signed in as you."
    html = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(app_name)}</title></head><body>'
        f"<h2>Your password changed</h2><p>{e(summary)}</p><p>{e(when)}.</p>"
        f'<p style="color: #dc3545;">{e(warning)}</p></body></html>'
    )
    return EmailContent(
        subject=f"Your {app_name} password was {how}", html=html, text=f"{summary}\n\n{when}.\n\n{warning}"
    )


@dataclass(frozen=True)
class DigestItem:
    title: str
    message: str
    action_url: str | None
    at: datetime


def digest_email(*, app_name: str, frequency: str, items: list[DigestItem]) -> EmailContent:
    """One email for a period's notifications (the profile's hourly, daily or weekly frequency)."""
    e = escape
    count = f"{len(items)} notification{'s' if len(items) != 1 else ''}"
    rows = "".join(
        f"<li><strong>{e(i.title)}</strong> <small>({e(f'{i.at:%Y-%m-%d %H:%M} UTC')})</small><br>{e(i.message)}"
        + (f' <a href="{e(i.action_url, quote=True)}">Open</a>' if i.action_url else "")
        + "</li>"
        for i in items
    )
    html = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(app_name)}</title></head><body>'
        f"<h2>Your {e(frequency)} digest: {count}</h2><ul>{rows}</ul></body></html>"
    )
    text = f"Your {frequency} {app_name} digest: {count}\n\n" + "\n\n".join(
        f"- {i.title} ({i.at:%Y-%m-%d %H:%M} UTC)\n  {i.message}" + (f"\n  {i.action_url}" if i.action_url else "")
        for i in items
    )
    return EmailContent(subject=f"Your {frequency} {app_name} digest: {count}", html=html, text=text)
