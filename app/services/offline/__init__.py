"""Offline work: a local copy of what the person may read of the team database, decisions
journaled on it while the team database is away, and their replay on reconnection."""
