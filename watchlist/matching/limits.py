"""Bounds on the work one name and one query may cause, so that no input can keep a worker busy for long.

Pairwise scoring is quadratic in tokens (and key generation in a token's length): a 300-character Hangul
name is 300 one-syllable tokens and took 0.7 s against another. Real names are far shorter: the longest of
22,540 OFAC and nomenklatura names has 19 tokens, its longest token 24 letters, so these caps change no real result.
"""
MAX_NAME_TOKENS = 32  # tokens of a name compared (the rest is ignored); API schemas refuse longer names
MAX_TOKEN_LENGTH = 40  # letters of a token compared
MAX_QUERY_NAMES = 24  # names of one query (its name, other names and their slash-separated parts) scored
MAX_QUERY_OFFICERS = 50  # officer names of one query screened
MAX_COMPARE_TOKEN_PAIRS = 8 * MAX_NAME_TOKENS ** 2  # token pairs one comparison of two names may score in all
