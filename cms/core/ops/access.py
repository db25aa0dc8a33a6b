"""Who is an operator: a request from OPS_ALLOWED_IPS (the client address as every throttle
sees it) or with `Authorization: Bearer <OPS_TOKEN>`. Used by readiness details and metrics."""

import ipaddress

from django.conf import settings
from django.utils.crypto import constant_time_compare

from ..client_address import client_ip


def is_operator(request) -> bool:
    token = getattr(settings, "OPS_TOKEN", "")
    sent = request.headers.get("Authorization", "")
    if token and constant_time_compare(sent, f"Bearer {token}"):
        return True
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net) for net in settings.OPS_ALLOWED_IPS)
