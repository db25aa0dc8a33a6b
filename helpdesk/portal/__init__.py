"""The portal's ticket pages at /<lang>/tickets/… (SPEC §1): plain Django views in the portal
shell, built on the helpdesk's selectors, field schema, list query and services."""
