"""The rule registry and one module per family of check types."""
