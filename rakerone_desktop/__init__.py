"""RakerOne Desktop: the administration client for RakerOne API keys."""

__version__ = "0.1.0"
