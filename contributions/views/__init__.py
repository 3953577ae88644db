"""The contributions' pages, one module per feature (contributions/urls.py names them)."""
