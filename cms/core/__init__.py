"""The bottom layer: domain-free building blocks that helpdesk, kb and home share. Names no
project model or app (checked by the import contracts in pyproject.toml)."""
