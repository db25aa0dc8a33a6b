"""Gives each request an id (from a trusted proxy, or new), returns it as `X-Request-ID`, and
makes the request known to the log filter for the time it is served."""

from .context import current_request, request_id_for


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_for(request)
        token = current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        response["X-Request-ID"] = request.request_id
        return response
