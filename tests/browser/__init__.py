"""Tests that run the built site in real Chromium, and the harness they rely on."""
