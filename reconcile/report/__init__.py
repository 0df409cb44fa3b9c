"""Rendering a Report: the terminal, numbers for the reader, and one emitter per output format."""
