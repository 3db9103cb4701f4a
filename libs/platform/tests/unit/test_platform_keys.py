"""JWK members and thumbprints, against the test vector of RFC 8037 appendix A.3."""

import base64

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from radiant_platform.keys import okp_members, public_jwk, thumbprint

RFC8037_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
RFC8037_THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"


def _rfc_key() -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.urlsafe_b64decode(RFC8037_X + "="))


def test_thumbprint_matches_rfc_8037():
    assert okp_members(_rfc_key()) == {"kty": "OKP", "crv": "Ed25519", "x": RFC8037_X}
    assert thumbprint(_rfc_key()) == RFC8037_THUMBPRINT


def test_public_jwk_carries_the_kid_and_algorithm():
    assert public_jwk(_rfc_key(), "k1") == {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": RFC8037_X,
        "kid": "k1",
        "use": "sig",
        "alg": "EdDSA",
    }
