def public_api_only(endpoints, **kwargs):
    """Document the portal's API (/api/v1/) only, not Wagtail's internal admin endpoints."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
