"""The committed reports in reports/ are what the project's own command produces today."""
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"


@pytest.mark.skipif(not (REPORTS / "regenerate").is_file() or shutil.which("reconcile") is None,
                    reason="needs the source checkout and the installed command")
def test_committed_reports_match_a_fresh_run(tmp_path):
    subprocess.run(["bash", str(REPORTS / "regenerate"), str(tmp_path)], check=True)
    fresh = sorted(p.name for p in tmp_path.iterdir())
    assert fresh == sorted(p.name for p in REPORTS.iterdir() if p.name != "regenerate")
    for name in fresh:
        assert (tmp_path / name).read_text(encoding="utf-8") == (REPORTS / name).read_text(encoding="utf-8"), \
            f"reports/{name} is stale: run reports/regenerate and commit the result"
