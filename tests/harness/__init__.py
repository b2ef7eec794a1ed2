"""Test harness shared by the test suite: tools, local server, site build, axe and vnu checks.

The fixtures that wrap these live in tests/conftest.py.
"""
