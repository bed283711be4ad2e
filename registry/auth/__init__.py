"""API tokens: issued from the CLI, stored only as hashes, scoped by role and country."""
