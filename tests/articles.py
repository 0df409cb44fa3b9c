"""Writing the small articles the tests make up: Markdown with front matter."""
from __future__ import annotations

from pathlib import Path


def write_article(folder: Path, name: str, title: str, date: str, body: str, lang: str | None = None) -> Path:
    head = f"---\ntitle: {title}\ndate: {date}\n" + (f"lang: {lang}\n" if lang else "") + "---\n\n"
    path = folder / name
    path.write_text(head + body + "\n", encoding="utf-8")
    return path
