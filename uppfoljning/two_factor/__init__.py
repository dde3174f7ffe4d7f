"""Two-factor authentication (issue 14): django-otp with an authenticator app (TOTP) and
one-time backup codes (our own device, which keeps only their hashes: models.py).

The password login stays Django's LoginView. After it, `TwoFactorMiddleware` sends a user
who must verify a second factor, and has not in this session, to the verification page (or,
with no device yet, to the enrolment). Who must: superusers always, the roles in
`settings.TWO_FACTOR_REQUIRED_ROLES`, and anyone who enrolled of their own accord. The API's
token authentication is not a session login and is not affected.
"""
