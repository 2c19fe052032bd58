"""Secrets of a workshop: join codes and tokens, their keyed hashes, and join rate limits."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# Upper-case letters and digits without the look-alikes 0/O, 1/I/L, 2/Z, 5/S, 8/B.
CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
CODE_LENGTH = 10
CODE_PREFIX_LENGTH = 3
_SEPARATORS = str.maketrans("", "", " -_.\t")


def new_join_code() -> str:
    """Return a fresh join code: 10 characters from a 25-letter unambiguous alphabet.

    Returns
    -------
    str
        About 46 bits of randomness from :mod:`secrets`; shown as ``XXXXX-XXXXX`` by
        :func:`format_code`, typed with or without the dash.
    """
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_token() -> str:
    """Return a long private token (facilitator or participant): 32 random bytes, URL-safe."""
    return secrets.token_urlsafe(32)


def format_code(code: str) -> str:
    """Return the code split in two groups of five for reading aloud (``ABCDE-FGHJK``)."""
    clean = normalise_code(code)
    half = len(clean) // 2
    return f"{clean[:half]}-{clean[half:]}"


def normalise_code(code: str) -> str:
    """Return ``code`` upper-cased without spaces, dashes, dots or underscores."""
    return code.translate(_SEPARATORS).upper()


def is_well_formed_code(code: str) -> bool:
    """Tell whether a normalised code has the right length and alphabet."""
    return len(code) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in code)


def hash_secret(secret: str, key: str = "", *, purpose: str) -> str:
    """Return the hex HMAC-SHA256 of ``secret`` under ``key`` and a purpose label.

    Parameters
    ----------
    secret
        The code or token in clear (never stored).
    key
        Server-side key (``ERP_SELECT_SECRET_KEY``); with an empty key this is a plain
        keyed hash whose key is public, i.e. equivalent to a salted SHA-256.
    purpose
        Separates the domains (``code``, ``facilitator``, ``participant``, ``ratelimit``)
        so a value hashed for one use never matches another.
    """
    message = f"erp-select/{purpose}\x00{secret}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def same_hash(stored: str, candidate: str) -> bool:
    """Compare two hex digests in constant time."""
    return hmac.compare_digest(stored.encode("ascii"), candidate.encode("ascii"))


PROJECT_KEY_BYTES = 16
_KEY_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def new_project_key() -> str:
    """Return a fresh public key for a project: 16 random bytes, URL-safe (22 characters).

    Returns
    -------
    str
        128 bits from :mod:`secrets`: links built on it cannot be guessed or enumerated,
        unlike the sequential internal ids.
    """
    return secrets.token_urlsafe(PROJECT_KEY_BYTES)


def is_project_key(value: object) -> bool:
    """Tell whether ``value`` looks like a project key (URL-safe text of the right length)."""
    return (
        isinstance(value, str)
        and 16 <= len(value) <= 64
        and all(ch in _KEY_ALPHABET for ch in value)
    )


def hash_project_key(key: str) -> str:
    """Return the stored form of a project key: its HMAC-SHA256 under an empty key.

    A project key carries 128 random bits, so no server secret is needed to make its hash
    useless to whoever copies the database; and links keep working if the secret changes.
    """
    return hash_secret(key, "", purpose="project")
