"""Screenshots of the key pages: refreshed in docs/screenshots/ (shown in the README) when SAVE_SCREENSHOTS=1."""
import os
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def screenshot(page, name: str) -> Path:
    """Take a full-page screenshot; into docs/ only on request, so a test run leaves the tree clean."""
    folder = DOCS if os.environ.get("SAVE_SCREENSHOTS") == "1" else Path(tempfile.gettempdir()) / "registry-screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 1000
    return path
