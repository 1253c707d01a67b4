"""The moderation queue: filters, work queues and pages, done in SQL."""
