"""Pure logic: tokens, passwords, TOTP, secret sealing, email escaping, client address parsing."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime

import pyotp
from argon2 import PasswordHasher

from radiant_identity import emails
from radiant_identity.models import Administrator
from radiant_identity.security import (
    PASSWORD_HASHER,
    SecretBox,
    generate_token,
    hash_password,
    hash_token,
    new_recovery_codes,
    normalise_recovery_code,
    verify_password,
    verify_token,
    verify_totp,
)
from radiant_identity.service import billing_recipients, eligible_approvers, wants_email
from radiant_platform.clients import client_from as parse_client


def test_invitation_token_is_48_random_bytes_and_only_its_sha256_is_kept():
    token = generate_token()
    assert len(token) == 64 and token != generate_token()
    assert hash_token(token) == hashlib.sha256(token.encode()).hexdigest()
    assert verify_token(token, hash_token(token))
    assert not verify_token(token + "x", hash_token(token))


def test_passwords_use_argon2id_with_owasp_parameters():
    hashed = hash_password("correct horse battery staple")
    assert hashed.startswith("$argon2id$") and "m=19456,t=2,p=1" in hashed
    assert verify_password(hashed, "correct horse battery staple")
    assert not verify_password(hashed, "wrong")
    assert not verify_password("not-a-hash", "anything")
    assert isinstance(PASSWORD_HASHER, PasswordHasher)


def test_totp_accepts_current_code_only():
    secret = pyotp.random_base32()
    assert verify_totp(secret, pyotp.TOTP(secret).now())
    assert not verify_totp(secret, "12345")
    assert not verify_totp(secret, "abcdef")


def test_recovery_codes_are_distinct_and_normalised():
    codes = new_recovery_codes()
    assert len(set(codes)) == 10
    assert normalise_recovery_code(codes[0].lower().replace("-", " ")) == codes[0]


def test_secret_box_round_trips_and_does_not_store_plaintext():
    box = SecretBox("key")
    sealed = box.seal("JBSWY3DPEHPK3PXP")
    assert "JBSWY3DPEHPK3PXP" not in sealed and box.open(sealed) == "JBSWY3DPEHPK3PXP"
    assert box.seal("JBSWY3DPEHPK3PXP") != sealed  # fresh nonce each time


def test_invitation_email_escapes_user_text():
    content = emails.invitation_email(
        inviter_name="<img src=x>",
        role="operator",
        app_name="Acme & Co",
        environment="prod",
        accept_link=emails.accept_url("https://app.example.com/console/", "tok/en+"),
        expires_at=datetime(2025, 3, 14, tzinfo=UTC),
        message='"><script>alert(1)</script>',
    )
    assert "<script>" not in content.html and "<img" not in content.html
    assert "&lt;script&gt;" in content.html and "Acme &amp; Co" in content.html
    assert "https://app.example.com/console/accept-invitation?token=tok%2Fen%2B" in content.text
    assert "Friday, March 14, 2025" in content.html


def test_client_address_comes_from_the_gateways_forwarded_header():
    assert parse_client("203.0.113.7, 10.0.0.1", "127.0.0.1", "UA").ip == "203.0.113.7"
    assert parse_client(None, "127.0.0.1", None).ip == "127.0.0.1"
    assert parse_client("not an ip", None, None).ip is None


def _admin(role: str) -> Administrator:
    return Administrator(id=uuid.uuid4(), role=role, email=f"{role}@example.com", status="active")


def test_approvers_are_those_who_may_decide_except_the_requester():
    su, other_su, admin = _admin("super_admin"), _admin("super_admin"), _admin("admin")
    assert eligible_approvers([su, other_su, admin], str(su.id)) == [other_su]
    everyone = [su, admin, _admin("operator"), _admin("auditor")]
    assert billing_recipients(everyone) == everyone  # every role has billing:read


def test_email_preference():
    class P:
        notifications = {"method": "in_app", "frequency": "immediate", "categories": {}}

    assert not wants_email(P(), "approvals")
    P.notifications = {"method": "both", "frequency": "immediate", "categories": {"billing": False}}
    assert wants_email(P(), "approvals") and not wants_email(P(), "billing")
    assert wants_email(None, "security")
