"""The Statistik view: figures per account and period, charts with their numbers beside them,
and the yearly evaluation as PDF or xlsx."""
