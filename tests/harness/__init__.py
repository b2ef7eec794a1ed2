"""Test harness shared by the test suite: tools, static server, site build, axe and vnu checks.

The fixtures that wrap these live in tests/conftest.py.
"""
