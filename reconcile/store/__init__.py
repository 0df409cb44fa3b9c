"""The ledger of an archive (SQLite) and the Dask entry point."""
