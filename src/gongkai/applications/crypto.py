"""Applicants' personal data is encrypted by the core's `gongkai.common.crypto` (shared with messages)."""

from gongkai.common.crypto import (  # noqa: F401
    PREFIX,
    EncryptedTextField,
    decrypt,
    encrypt,
    lookup_hash,
    mask_address,
    mask_email,
    mask_identity,
    mask_name,
    mask_phone,
)
