"""Layout transforms for invariance tests: the same content, laid out as other gazettes lay it out."""
