"""The built screening index on disk (pickle protocol 5), so an index server restarts in seconds, not minutes.

The file is signed with a key derived from SECRET_KEY (never unpickled unless the signature holds) and
stamped with a fingerprint of the matching code and configuration (a deploy that changes either rebuilds).
It is written beside its final name and renamed into place, so a reader never sees half a file.
"""
import hashlib
import hmac
import os
import pickle
from pathlib import Path

MAGIC = b"REGISTRY-SCREENING-INDEX-1\n"
_CODE = ("matching", "screening/sources.py", "screening/cache.py", "standing.py", "cases/lifecycle.py")


def fingerprint(config) -> str:
    """What the snapshot's content depends on besides the data: the indexing code and the match configuration."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(repr(config).encode())
    for part in _CODE:
        path = root / part
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and not file.name.endswith(".pyc"):
                digest.update(file.name.encode() + file.read_bytes())
    return digest.hexdigest()


def _key(secret_key: str) -> bytes:
    return hmac.new(secret_key.encode(), b"screening-index-snapshot", hashlib.sha256).digest()


class _Signed:
    """A file writer that signs what passes through it."""

    def __init__(self, file, mac):
        self.file, self.mac = file, mac

    def write(self, data) -> int:
        self.mac.update(data)
        return self.file.write(data)


def write(path: Path, state: dict, secret_key: str, stamp: str) -> int:
    """Write the state atomically; returns its size in bytes."""
    path = Path(path)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    mac = hmac.new(_key(secret_key), digestmod=hashlib.sha256)
    with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as file:  # holds non-public fields
        file.write(MAGIC + bytes(mac.digest_size))
        pickle.dump({"fingerprint": stamp, "state": state}, _Signed(file, mac), protocol=5)
        file.seek(len(MAGIC))
        file.write(mac.digest())
        file.flush()
        os.fsync(file.fileno())
    os.replace(tmp, path)
    return path.stat().st_size


def read(path: Path, secret_key: str, stamp: str) -> dict | None:
    """The state in the file, or None when it is missing, not signed with this key, or from other code."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    size = hashlib.sha256().digest_size
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + size:
        return None
    signature, body = data[len(MAGIC):len(MAGIC) + size], memoryview(data)[len(MAGIC) + size:]
    if not hmac.compare_digest(signature, hmac.new(_key(secret_key), body, hashlib.sha256).digest()):
        return None
    from watchlist.screening.cache import gc_paused
    with gc_paused():
        content = pickle.loads(body)
    return content["state"] if content.get("fingerprint") == stamp else None
