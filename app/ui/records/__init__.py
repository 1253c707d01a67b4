"""The registrator's and the log's views: archive, audit log, diarienummer, export."""
