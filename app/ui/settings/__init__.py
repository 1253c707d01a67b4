"""Inställningar: accounts, mail and the flagging rules."""
