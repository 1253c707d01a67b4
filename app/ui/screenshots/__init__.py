"""The yearly screenshots in the window: capture, region picking, sending."""
