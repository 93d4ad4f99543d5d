"""One router per domain; each reads its domain only through the domain's public query functions."""
