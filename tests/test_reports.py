"""The committed reports in reports/ are what the project's own command produces today: the text
reports byte for byte; the page's screenshot (serve.png) as a PNG of the same width and about the
same height (pixels vary with fonts and timing), regenerated only where a browser is installed."""
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"
PICTURES = {"serve.png"}


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.skipif(not (REPORTS / "regenerate").is_file() or shutil.which("reconcile") is None,
                    reason="needs the source checkout and the installed command")
def test_committed_reports_match_a_fresh_run(tmp_path):
    from reconcile.serve.browser import unavailable

    env = dict(os.environ, PYTHON=sys.executable)
    subprocess.run(["bash", str(REPORTS / "regenerate"), str(tmp_path)], check=True, env=env)
    fresh = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in REPORTS.iterdir() if p.name != "regenerate")
    if unavailable():  # no browser here: the picture is not made again
        committed = [n for n in committed if n not in PICTURES]
    assert fresh == committed
    for name in fresh:
        if name in PICTURES:
            (w, h), (w0, h0) = _png_size(tmp_path / name), _png_size(REPORTS / name)
            assert w == w0 and abs(h - h0) <= 0.2 * h0, f"reports/{name} is stale: run reports/regenerate"
            continue
        assert (tmp_path / name).read_text(encoding="utf-8") == (REPORTS / name).read_text(encoding="utf-8"), \
            f"reports/{name} is stale: run reports/regenerate and commit the result"


def test_a_percentage_is_shown_without_binary_noise():
    # 22.9 / 100 is not exact in binary; the reader sees 22.9%, and a bound keeps its digits.
    from reconcile.report.numbers import format_value, use_locale

    use_locale("en_US")
    assert format_value(22.9, "percent") == "22.9%"
    assert format_value(22.85, "percent") == "22.85%"
    assert format_value(0.3, "percentage_point") == "0.3% pt"


def test_a_volume_is_shown_in_cubic_metres():
    # Gas and water volumes are told in cubic metres: 38 billion of them read as litres would be
    # "38 trillion L". The contract's unit stays the litre (DESIGN.md); only the reader's view scales.
    from reconcile.report.numbers import format_value, use_locale

    try:
        use_locale("en_US")
        assert format_value(3.8e13, "L") == "38 billion m³"
        use_locale("zh_CN")
        assert format_value(3.8e13, "L") == "380亿立方米"
    finally:
        use_locale(None)
