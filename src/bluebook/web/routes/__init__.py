"""Routes: the JSON API (api.py) and the pages, one module per group of pages."""
