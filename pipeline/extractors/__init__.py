"""One extractor module per output table; each defines a spaCy component factory."""
