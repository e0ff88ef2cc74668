"""reftrack: make asking for referrals a daily habit."""

__version__ = "0.1.0"
