"""The Dask entry point writes the same figures table as reconcile.extract, as Parquet; a bad file
or a missing dask is one line and exit status 2, never a traceback."""
import sys

import pytest

pytest.importorskip("dask.dataframe")
pytest.importorskip("pyarrow")

import pandas as pd  # noqa: E402

from reconcile import extract  # noqa: E402
from reconcile.data.loader import data_dir  # noqa: E402
from reconcile.store.distributed import extract_to_parquet, main  # noqa: E402


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    text = (data_dir("seeds") / "ai-infrastructure-2025-11.txt").read_text(encoding="utf-8")
    articles = text.split("\n")
    # three files, so that the work really is split across partitions and processes
    for i in range(3):
        (folder / f"part{i}.txt").write_text(text if i == 0 else "\n".join(articles[:9 + 3 * i]) + "\n",
                                             encoding="utf-8")
    return folder


@pytest.mark.parametrize("scheduler", ["synchronous", "processes"])
def test_parquet_matches_the_figures_table(tmp_path, corpus, scheduler):
    out = tmp_path / "figures.parquet"
    n = extract_to_parquet([corpus], out, partitions=2, scheduler=scheduler)
    got = pd.read_parquet(out).sort_values("id").reset_index(drop=True)
    want = extract([corpus]).sort_values("id").reset_index(drop=True)
    assert n == len(want) == len(got) > 0
    assert list(got["id"]) == list(want["id"])
    assert list(got["text"]) == list(want["text"])
    assert got["value"].tolist() == pytest.approx(want["value"].astype(float).tolist())
    assert got["entity"].notna().any() and got["metric"].notna().any()  # attributed on the workers


def test_command_line(tmp_path, corpus, capsys):
    out = tmp_path / "cli.parquet"
    assert main([str(corpus), str(out), "--scheduler", "synchronous"]) == 0
    assert "figures written" in capsys.readouterr().err
    n = len(pd.read_parquet(out))
    assert n > 0
    (corpus / "again.txt").symlink_to(corpus / "part0.txt")  # one file under two names: read once
    assert main([str(corpus), str(tmp_path / "again.parquet"), "--scheduler", "synchronous"]) == 0
    assert len(pd.read_parquet(tmp_path / "again.parquet")) == n


def test_a_bad_file_or_no_dask_is_one_line(tmp_path, corpus, capsys, monkeypatch):
    (corpus / "scan.txt").write_bytes(b"\x00\x01\x02\x03 not text \xff\xfe\x00")
    # the processes scheduler: the worker's error travels back, with no traceback in the message
    assert main([str(corpus), str(tmp_path / "a.parquet"), "--scheduler", "processes"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].endswith(f"{(corpus / 'scan.txt').as_posix()}: not readable as text "
                                             "(no encoding fits; is it a binary file?)"), err
    (corpus / "scan.txt").unlink()
    (corpus / "undated.md").write_text("---\ndate: next tuesday\n---\nUp 5%.\n", encoding="utf-8")
    assert main([str(corpus), str(tmp_path / "d.parquet"), "--scheduler", "synchronous"]) == 2
    assert "undated.md: front matter key 'date'" in capsys.readouterr().err
    (corpus / "undated.md").unlink()
    assert main([str(corpus), str(corpus)]) == 2  # never into the corpus
    assert "refusing" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "dask", None)  # as if it were not installed
    assert main([str(corpus), str(tmp_path / "b.parquet")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "dask is not installed here" in err[0] and "pip install" in err[0] and "[dask]" in err[0]
