"""sitegen: the static site generator behind the Mister Informatica website.

The folders are the pipeline, and each imports only the ones before it (`make lint` checks):

- core/     what every stage shares: errors as FILE:LINE, addresses, Italian words, Markdown
- sources/  reads the project's files into validated models; the only stage that reads sources
- sla/      the SLA clock: deadlines from coverage and closures; reads nothing, knows no model
- pages/    renders the models into {output path: bytes}; reads no file, writes no file
- output/   writes a rendered site to disk atomically and checks its links
- build.py  the one pipeline (load, render, write) that `build`, `check` and `serve` share
- serve/    the dev server: renders in memory on every save, the browser reloads
- report.py, cli.py  the command line and how it prints problems
"""
