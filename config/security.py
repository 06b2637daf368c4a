"""Security headers Django 5.2 does not send by itself: Content-Security-Policy and Permissions-Policy.

X-Content-Type-Options, Referrer-Policy and Cross-Origin-Opener-Policy come from Django's
SecurityMiddleware, X-Frame-Options from XFrameOptionsMiddleware; all are set in config/settings/base.py.
"""

from django.conf import settings

HEADER_SETTINGS = (
    ("Content-Security-Policy", "CONTENT_SECURITY_POLICY"),
    ("Permissions-Policy", "PERMISSIONS_POLICY"),
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        for header, setting in HEADER_SETTINGS:
            value = getattr(settings, setting, "")
            # A view that sets its own policy keeps it.
            if value:
                response.headers.setdefault(header, value)
        return response
