"""One module per platform behind the small protocol in `base`. Importing the package
registers every platform's factory in `base.FACTORIES`."""

from app.connectors import facebook, instagram, linkedin, x, youtube  # noqa: F401
