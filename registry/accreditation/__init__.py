"""Foreign employer accreditation with licensed agencies, with action history, and job orders under it."""
