"""communique: turn diplomatic news into structured tables."""

__version__ = "0.1.0"
