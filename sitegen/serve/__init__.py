"""The dev server (`sitegen serve`), one job per module:

- server.py      listens: HTTP, the reload event stream, the serve loop
- respond.py     what a static host answers for a URL, from the files in memory
- live.py        the build being served, shared by the builder and the server
- builder.py     renders the sources in memory, publishes the site or an error page
- rerender.py    keeps the last good render; a save renders only what it changed
- watch.py       OS notifications of saves (watchfiles); one rebuild per burst of saves
- error_page.py  build errors in the browser, with the source lines around them
"""
