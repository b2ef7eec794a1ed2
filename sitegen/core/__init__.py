"""What every stage shares, and nothing that knows the site's sources or pages.

Its rule: core imports no other sitegen folder. Here live the one error type a content mistake
becomes (errors), the site's addresses (urls, layout), Italian words (italian), holidays, the
Markdown dialect (markdown_html, markdown_tree, placeholders), the time limit (watchdog) and the
build caches (cache).
"""
