"""The SLA clock: `calendar` says which days are closed and in which zone, `engine` counts
covered time to a deadline, `examples` words each plan's worked example.

sitegen/sla/engine.py is the reference; templates/static/js/sla.js implements the same contract
in the browser from the data `Calendar.browser_data` writes.
"""
