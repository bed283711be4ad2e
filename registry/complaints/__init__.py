"""Complaints from workers against agencies and employers, with a regulator triage lifecycle."""
