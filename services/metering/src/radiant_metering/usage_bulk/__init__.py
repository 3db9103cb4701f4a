"""Many tenants' usage per model in one call: billing's invoice run (issue 17)."""
