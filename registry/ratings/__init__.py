"""Agency compliance record and rating: a pure formula (formula.py) fed from the registry (service.py)."""
