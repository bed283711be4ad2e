"""Recruitment agencies: legal persons with other names and officers."""
