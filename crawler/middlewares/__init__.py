"""Downloader middlewares of the crawler (see DOWNLOADER_MIDDLEWARES in settings)."""
