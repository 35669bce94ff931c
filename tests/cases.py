"""Invalid-data cases: each folder under tests/data/invalid/ overlays tests/data/valid/ with broken files."""

from __future__ import annotations

import shutil
from pathlib import Path

DATA = Path(__file__).parent / "data"
VALID = DATA / "valid"
INVALID = DATA / "invalid"
GOLDEN = "expected.txt"


def case_names() -> list[str]:
    """Every invalid case, by folder name."""
    return sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def materialise(case: str, into: Path) -> Path:
    """The valid fixture with the case's files laid over it, as a pathways folder inside ``into``."""
    root = into / "pathways"
    shutil.copytree(VALID, root)
    overlay = INVALID / case
    for path in overlay.rglob("*"):
        if path.is_file() and path.name != GOLDEN:
            target = root / path.relative_to(overlay)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return root
