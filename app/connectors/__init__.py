"""One module per platform behind the protocol in app/core/connector.py. The platform registry
(app/services/accounts/platforms.py) lists them; importing one registers nothing."""
