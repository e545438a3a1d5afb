"""LIA Desktop: an offline wizard for GDPR legitimate interest assessments in direct marketing."""

__version__ = "0.1.0"
APP_NAME = "LIA Desktop"
# The id of the desktop launcher and AppStream metadata (packaging/linux/), reverse-DNS; never changes.
APP_ID = "org.liadesktop.LiaDesktop"
