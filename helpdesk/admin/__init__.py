"""The technicians' back office in the Wagtail admin (registered from helpdesk/wagtail_hooks.py)."""
