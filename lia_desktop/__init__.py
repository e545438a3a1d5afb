"""LIA Desktop: an offline wizard for GDPR legitimate interest assessments in direct marketing."""

__version__ = "0.1.0"
APP_NAME = "LIA Desktop"
