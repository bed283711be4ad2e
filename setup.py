"""Build hook: the wheel carries what the app reads at run time besides code. Top-level templates/ and migrations/
are copied into registry/bundled/ (they stay at the top of the repository), and the translation catalogues are
compiled to .mo, so an installed wheel serves every language, screens names and runs `flask db upgrade`."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
BUNDLED = ("templates", "migrations")


def compile_catalogues(source: Path, target: Path) -> None:
    """Write target/<lang>/LC_MESSAGES/messages.mo for each source/<lang>/LC_MESSAGES/messages.po."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in sorted(source.glob("*/LC_MESSAGES/messages.po")):
        mo = target / po.relative_to(source).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        with mo.open("wb") as handle:
            write_mo(handle, catalog)


class BuildWithResources(build_py):
    def run(self):
        super().run()
        if self.dry_run:
            return
        package = Path(self.build_lib) / "registry"
        for name in BUNDLED:
            target = package / "bundled" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(HERE / name, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        compile_catalogues(HERE / "registry" / "translations", package / "translations")


setup(cmdclass={"build_py": BuildWithResources})
