"""The Dask entry point writes the same figures table as reconcile.extract, as Parquet."""
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
    assert len(pd.read_parquet(out)) > 0
