"""reform."""
