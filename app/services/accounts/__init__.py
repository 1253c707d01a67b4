"""The account register, administrators and who acts, platform credentials and connections."""
