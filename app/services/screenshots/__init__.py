"""The yearly account-page screenshots: when they are due, capture, export and mail."""
