"""The watchdog stops a block of Python code that outlives its deadline, and nothing else."""

from __future__ import annotations

import threading
import time

import pytest

from sitegen.core.watchdog import Deadline


class Late(Exception):
    pass


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_block_past_its_deadline_is_stopped() -> None:
    started = time.monotonic()
    with pytest.raises(Late), Deadline(0.2, Late):
        _spin(30)
    assert time.monotonic() - started < 2


def test_a_block_within_its_deadline_runs_to_the_end() -> None:
    with Deadline(0.2, Late):
        _spin(0.05)
    _spin(0.4)  # past the deadline: nothing arrives once the block is left


def test_a_deadline_passed_as_the_block_ends_is_raised_there_and_nowhere_else() -> None:
    """However the deadline falls against the block's last instructions, the exception is
    raised inside the `with` statement or not at all."""
    raised = 0
    for _ in range(300):
        try:
            with Deadline(0.0002, Late):
                _spin(0.0002)
        except Late:
            raised += 1
        _spin(0.0005)  # a late exception would arrive here, outside any handler
    assert raised > 0


def test_each_thread_has_its_own_deadline() -> None:
    stopped: list[str] = []

    def work(seconds: float, name: str) -> None:
        try:
            with Deadline(seconds, Late):
                _spin(1)
        except Late:
            stopped.append(name)

    threads = [
        threading.Thread(target=work, args=(0.1, "early")),
        threading.Thread(target=work, args=(5, "late")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert stopped == ["early"]
