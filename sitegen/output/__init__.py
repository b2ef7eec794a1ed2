"""A rendered site on disk: written beside the last good one and swapped in only when complete
(write), then every internal link and anchor checked (links).

Its rule: output knows bytes and paths, never the sources; a failed build leaves the last good
`output/` exactly as it was.
"""
