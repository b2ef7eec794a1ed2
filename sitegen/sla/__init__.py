"""The SLA clock: when each plan must answer a request received at a given instant.

Its rule: it reads no file and imports no source model. A plan reaches it through the Protocols
of `terms`, the closures through `calendar.Calendar`, so the clock can be tested on its own.

- calendar  which days are closed, in which zone; engine  counts covered time to a deadline
- segments  the stretches a reckoning is made of; wording  the clock's own Italian words
- examples  each plan's worked example

sitegen/sla/engine.py is the reference; templates/static/js/sla.js implements the same contract
in the browser from the data `Calendar.browser_data` writes.
"""
