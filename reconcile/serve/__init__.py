"""`reconcile serve`: a local web page for editors (checker.py: what is kept loaded and what a
draft gets; app.py: the Starlette app; templates/ and static/: the page, shipped in the wheel).
The web stack (starlette, uvicorn, jinja2: the `serve` extra) is imported only here."""
