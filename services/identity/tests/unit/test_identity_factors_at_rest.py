"""Second factors at rest, mail headers and the throttle's delay rule (issue 12: #7, #9 and Low)."""

from __future__ import annotations

import base64
import hashlib
import uuid
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from radiant_identity import emails, mailer
from radiant_identity.security import SecretBox, normalise_recovery_code
from radiant_identity.throttle import Policy, delay_seconds

ALICE, BOB = uuid.uuid4(), uuid.uuid4()


# --- TOTP secrets: bound to their administrator, named by key version -------------------------------


def test_a_sealed_totp_secret_opens_only_for_its_administrator():
    box = SecretBox("key")
    sealed = box.seal("JBSWY3DPEHPK3PXP", admin_id=ALICE)
    assert sealed.startswith(box.current_prefix) and "JBSWY3DPEHPK3PXP" not in sealed
    assert box.open(sealed, admin_id=ALICE) == "JBSWY3DPEHPK3PXP"
    with pytest.raises(InvalidTag):  # copied onto another account, it does not open
        box.open(sealed, admin_id=BOB)


def test_a_rotated_key_still_opens_what_the_previous_one_sealed_until_resealed():
    old = SecretBox("old key")
    sealed = old.seal("JBSWY3DPEHPK3PXP", admin_id=ALICE)
    rotated = SecretBox("new key", ["old key"])
    assert rotated.open(sealed, admin_id=ALICE) == "JBSWY3DPEHPK3PXP"
    assert rotated.needs_reseal(sealed)
    resealed = rotated.reseal(sealed, admin_id=ALICE)
    assert resealed is not None and resealed.startswith(rotated.current_prefix) and not rotated.needs_reseal(resealed)
    assert SecretBox("new key").open(resealed, admin_id=ALICE) == "JBSWY3DPEHPK3PXP"
    with pytest.raises(InvalidTag):
        SecretBox("new key").open(sealed, admin_id=ALICE)  # the old key was dropped too early


def test_secrets_sealed_before_key_versions_still_open_and_are_resealed_bound():
    legacy_aead = AESGCM(hashlib.sha256(b"key").digest())
    nonce = b"\x00" * 12
    legacy = base64.b64encode(nonce + legacy_aead.encrypt(nonce, b"JBSWY3DPEHPK3PXP", None)).decode()
    box = SecretBox("key")
    assert box.open(legacy, admin_id=ALICE) == "JBSWY3DPEHPK3PXP" and box.needs_reseal(legacy)
    resealed = box.reseal(legacy, admin_id=ALICE)
    assert resealed is not None and box.open(resealed, admin_id=ALICE) == "JBSWY3DPEHPK3PXP"
    with pytest.raises(InvalidTag):
        box.open(resealed, admin_id=BOB)
    assert box.reseal(None, admin_id=ALICE) is None and box.reseal(resealed, admin_id=ALICE) == resealed


# --- recovery codes: keyed and per administrator ------------------------------------------------------


def test_recovery_codes_are_hashed_with_a_key_and_per_administrator():
    box = SecretBox("key")
    code = "ABCDE-12345"
    unkeyed = hashlib.sha256(code.encode()).hexdigest()
    stored = box.recovery_code_hash(ALICE, code)
    assert stored.startswith("hmac1$") and unkeyed not in stored
    assert stored != box.recovery_code_hash(BOB, code)  # equal codes hash apart
    assert stored != SecretBox("another key").recovery_code_hash(ALICE, code)  # a table dump is not enough
    assert stored in box.recovery_code_candidates(ALICE, " abcde 12345 ")  # typed by hand, normalised


def test_existing_unkeyed_hashes_upgrade_to_what_the_code_hashes_to_now():
    box = SecretBox("key")
    code = normalise_recovery_code("ABCDE12345")
    legacy = hashlib.sha256(code.encode()).hexdigest()
    upgraded = box.upgrade_recovery_hash(ALICE, legacy)
    assert upgraded == box.recovery_code_hash(ALICE, code)
    assert box.upgrade_recovery_hash(ALICE, upgraded) is None  # already keyed
    assert legacy in box.recovery_code_candidates(ALICE, code)  # read in both forms meanwhile
    rotated = SecretBox("new key", ["key"])
    assert upgraded in rotated.recovery_code_candidates(ALICE, code)


# --- mail headers (#7) ------------------------------------------------------------------------------


def _message(to: str, subject: str) -> SimpleNamespace:
    return SimpleNamespace(to_address=to, subject=subject, text="body", html="<p>body</p>")


def test_no_header_carries_a_control_character():
    mime = mailer.to_mime(
        _message("a@example.com", "Approval Required: x\r\nBcc: evil@example.com\x00"), "R\nadiant <n@x>"
    )
    assert mime["Subject"] == "Approval Required: x Bcc: evil@example.com"
    assert mime["Bcc"] is None and mime["From"] == "R adiant <n@x>"
    headers = mime.as_string().split("\n\n", 1)[0].splitlines()
    assert not [line for line in headers if line.lower().startswith("bcc")]


@pytest.mark.parametrize(
    "recipient", ["a@example.com\r\nBcc: evil@example.com", "a@example.com, b@example.com", "Ada <a@example.com>", ""]
)
def test_a_recipient_that_is_not_one_plain_address_is_refused_not_repaired(recipient: str):
    with pytest.raises(mailer.Undeliverable, match="recipient"):
        mailer.to_mime(_message(recipient, "hello"), "noreply@example.com")


def test_every_factor_change_email_names_the_change():
    at = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
    authenticator = emails.factor_changed_email(
        change=emails.FactorChange.AUTHENTICATOR, app_name="Acme <&>", at=at, ip="203.0.113.9"
    )
    assert "second factor changed" in authenticator.subject and "authenticator" in authenticator.text
    assert "203.0.113.9" in authenticator.text and "Acme &lt;&amp;&gt;" in authenticator.html
    codes = emails.factor_changed_email(change=emails.FactorChange.RECOVERY_CODES, app_name="A", at=at, ip=None)
    assert "recovery codes" in codes.text


# --- the throttle's delay (#9) ----------------------------------------------------------------------


def test_the_wait_doubles_with_each_failure_past_the_allowance_up_to_a_cap():
    policy = Policy(window_seconds=900, first_delay_seconds=30, max_delay_seconds=900)
    assert [delay_seconds(policy, n, limit=5) for n in range(4, 12)] == [0, 30, 60, 120, 240, 480, 900, 900]
