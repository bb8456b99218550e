"""Normalizers: dates, money, countries. Pure functions, no spaCy objects required."""
