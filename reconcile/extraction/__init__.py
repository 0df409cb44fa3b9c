"""Reading copy: documents, normalisation, numbers, figures (the scanner) and attribution."""
