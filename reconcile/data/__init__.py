"""The one loader of the data under rules/ and units/ (and of packs)."""
