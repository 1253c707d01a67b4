"""The queue window's parts: the table, filter bar, detail pane and the actions with their dialogs."""
