"""The staff accounts list (administrators only)."""
