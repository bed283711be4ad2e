"""Fee ceilings: versioned rules, exchange rates and the public fee check."""
