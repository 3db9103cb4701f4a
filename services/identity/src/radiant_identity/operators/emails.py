"""The operator invitation email. Names are user text: every interpolated value is escaped."""

from __future__ import annotations

from datetime import datetime
from html import escape

from radiant_platform import console_links

from ..emails import EmailContent


def accept_url(console_url: str, token: str) -> str:
    """The console's accept page, told that this is an operator's invitation."""
    return console_links.accept_invitation(console_url, token, kind="operator")


def operator_invitation_email(
    *, name: str, inviter_name: str, role: str, app_name: str, accept_link: str, expires_at: datetime
) -> EmailContent:
    e = escape
    expires = f"{expires_at:%Y-%m-%d %H:%M} UTC"
    html = f"""<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>You've been invited to operate {e(app_name)}</title></head>
<body style="font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, sans-serif; background: #f5f5f5; padding: 40px;">
  <div style="max-width: 600px; margin: 0 auto; background: white; border-radius: 8px; padding: 40px;">
    <h1 style="color: #1a1a1a; margin-bottom: 20px;">Platform operator invitation</h1>
    <p>Hi {e(name)},</p>
    <p><strong>{e(inviter_name)}</strong> has invited you to operate the <strong>{e(app_name)}</strong> platform as <strong>{e(role)}</strong>.</p>
    <p>Accepting sets your password and enrols an authenticator app: operators always sign in with a second factor.</p>
    <div style="text-align: center; margin: 30px 0;">
      <a href="{e(accept_link, quote=True)}" style="display: inline-block; padding: 14px 32px; background: #007bff; color: white; text-decoration: none; border-radius: 6px; font-weight: 600;">Accept invitation</a>
    </div>
    <p style="color: #666; font-size: 14px;">This single-use link expires on <strong>{e(expires)}</strong>.</p>
  </div>
</body>
</html>"""
    text = (
        f"Hi {name},\n\n{inviter_name} has invited you to operate the {app_name} platform as {role}.\n"
        f"Accept (single use, expires {expires}): {accept_link}"
    )
    return EmailContent(subject=f"You've been invited to operate {app_name}", html=html, text=text)


def reset_password_url(console_url: str, token: str) -> str:
    """The console's reset page, told that this is an operator's account (it posts to
    /saas/auth/password/reset)."""
    return console_links.reset_password(console_url, token, kind="operator")


def _page(title: str, body_html: str) -> str:
    return f"""<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{title}</title></head>
<body style="font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, sans-serif; background: #f5f5f5; padding: 40px;">
  <div style="max-width: 600px; margin: 0 auto; background: white; border-radius: 8px; padding: 40px;">
{body_html}
  </div>
</body>
</html>"""


def operator_password_reset_email(*, name: str, app_name: str, reset_link: str, minutes: int) -> EmailContent:
    e = escape
    html = _page(
        f"Reset your {e(app_name)} operator password",
        f"""    <h1 style="color: #1a1a1a; margin-bottom: 20px;">Reset your operator password</h1>
    <p>Hi {e(name)},</p>
    <p>Someone asked to reset the password of your <strong>{e(app_name)}</strong> platform operator account.</p>
    <div style="text-align: center; margin: 30px 0;">
      <a href="{e(reset_link, quote=True)}" style="display: inline-block; padding: 14px 32px; background: #007bff; color: white; text-decoration: none; border-radius: 6px; font-weight: 600;">Choose a new password</a>
    </div>
    <p style="color: #666; font-size: 14px;">The link works once, for {minutes} minutes. Resetting ends every session of the account; signing in still needs your authenticator. If you did not ask, ignore this email: your password stays as it is.</p>""",
    )
    text = (
        f"Hi {name},\n\nSomeone asked to reset the password of your {app_name} platform operator account.\n"
        f"Choose a new one (single use, {minutes} minutes): {reset_link}\n"
        "If you did not ask, ignore this email: your password stays as it is."
    )
    return EmailContent(subject=f"Reset your {app_name} operator password", html=html, text=text)


def operator_account_changed_email(*, name: str, app_name: str, change: str, ip: str | None) -> EmailContent:
    """Told after the fact, whatever changed it (the owner, or someone who should not have)."""
    e = escape
    where = f" from {ip}" if ip else ""
    html = _page(
        f"Your {e(app_name)} operator account changed",
        f"""    <h1 style="color: #1a1a1a; margin-bottom: 20px;">Your operator account changed</h1>
    <p>Hi {e(name)},</p>
    <p>{e(change)}{e(where)}.</p>
    <p style="color: #666; font-size: 14px;">If this was not you, tell another platform administrator at once: they can suspend the account.</p>""",
    )
    text = (
        f"Hi {name},\n\n{change}{where}.\n"
        "If this was not you, tell another platform administrator at once: they can suspend the account."
    )
    return EmailContent(subject=f"Your {app_name} operator account changed", html=html, text=text)


def platform_approval_email(
    *,
    decider_name: str,
    requester_name: str,
    app_name: str,
    approval_id: str,
    action: str,
    resource_type: str,
    resource_id: str,
    console_url: str,
) -> EmailContent:
    """A second operator is needed: links to the request's page on the operators' screens — to
    review it, or with approve / reject chosen in its dialog (the page still asks to confirm)."""
    e = escape
    links = [
        ("Review", console_links.platform_approval(console_url, approval_id)),
        ("Approve", console_links.platform_approval(console_url, approval_id, "approve")),
        ("Reject", console_links.platform_approval(console_url, approval_id, "reject")),
    ]
    buttons = "".join(
        f'<a href="{e(url, quote=True)}" style="display: inline-block; padding: 12px 24px; margin: 0 6px; '
        f'background: {colour}; color: white; text-decoration: none; border-radius: 6px; font-weight: 600;">'
        f"{e(label)}</a>"
        for (label, url), colour in zip(links, ("#007bff", "#28a745", "#dc3545"), strict=True)
    )
    html = _page(
        f"Approval required - {e(app_name)} platform",
        f"""    <h1 style="color: #1a1a1a; margin-bottom: 20px;">A platform change needs a second operator</h1>
    <p>Hi {e(decider_name)},</p>
    <p><strong>{e(requester_name)}</strong> asks for <strong>{e(action)}</strong> on {e(resource_type)}
    <code>{e(resource_id)}</code> (request <code>{e(approval_id)}</code>).</p>
    <div style="text-align: center; margin: 30px 0;">{buttons}</div>
    <p style="color: #666; font-size: 14px;">The requester can never approve their own request.</p>""",
    )
    text = (
        f"Hi {decider_name},\n\n{requester_name} asks for {action} on {resource_type} {resource_id} "
        f"(request {approval_id}).\n"
        + "".join(f"  {label}: {url}\n" for label, url in links)
        + "The requester can never approve their own request."
    )
    return EmailContent(subject=f"Approval Required: {action} - {app_name}", html=html, text=text)
