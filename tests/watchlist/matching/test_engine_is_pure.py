"""The matching engine stays a pure library: no web framework or database import."""
import subprocess
import sys


def test_matching_engine_imports_neither_flask_nor_a_database_layer():
    code = ("import sys, watchlist.matching as m; m.MatchIndex(); "
            "print(sorted(n for n in sys.modules if n.split('.')[0] in {'flask', 'sqlalchemy', 'psycopg', 'registry'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
