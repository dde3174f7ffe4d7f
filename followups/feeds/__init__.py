"""Data feeds: files a strategist uploads from other systems, previewed before import."""
