"""What is kept and handed on: evidence, the audit log, the archive, packages, the registrator's export."""
