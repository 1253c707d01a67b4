"""The one place that names the application and its version; build scripts read it too."""

__version__ = "0.1.0"

APP_NAME = "Granska"
APP_ID = "se.vadstena.Granska"
ORGANIZATION = "Vadstena kommun"
