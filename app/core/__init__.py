"""The bottom layer: the errors, states and record shapes that models, connectors and services
share. It imports nothing else from the app (tests/test_layers.py holds it to that), so a
connector or a test can load the protocol without loading the database or the services."""
