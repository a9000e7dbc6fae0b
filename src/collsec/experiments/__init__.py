"""Built-in experiments over many replicates (the classic comparison of security systems)."""
