"""Crash-safe local storage: workspaces (TinyDB files), backups, locking, the repository."""
