"""`sitegen serve` under many clients at once: how long each waits for its page.

Starts the dev server on a copy of the shipped sources; then, for each CLIENTS count, that many
threads connect together (released by one barrier) and each fetches the home page; a client's
time runs from the barrier to the last byte of its answer, with TIMEOUT_SECONDS to give up.
Target (issue 19): 200 clients at once all answered within 5 s. Before the fix (a listen
backlog of 5) 111 of 200 timed out after 30 s and 50 clients at once waited up to 7.7 s.
"""

from __future__ import annotations

import http.client
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from serving import copy_sources, start_server

CLIENTS = (50, 200)
TARGET_CLIENTS = 200
TARGET_SECONDS = 5.0
TIMEOUT_SECONDS = 30.0
ROUNDS = 3


def fetch(host: str, port: int, start: threading.Barrier) -> float | None:
    """Seconds from the barrier to the whole home page, or None if it did not come."""
    start.wait()
    began = time.monotonic()
    connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT_SECONDS)
    try:
        connection.request("GET", "/")
        response = connection.getresponse()
        body = response.read()
        if response.status != 200 or b"</html>" not in body:
            return None
    except OSError:
        return None
    finally:
        connection.close()
    return time.monotonic() - began


def at_once(url: str, clients: int) -> list[float | None]:
    """Each client's time, with `clients` of them starting together."""
    address = urlsplit(url)
    start = threading.Barrier(clients)
    times: list[float | None] = [None] * clients

    def client(number: int) -> None:
        times[number] = fetch(address.hostname or "127.0.0.1", address.port or 80, start)

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="sitegen-bench-load-") as folder:
        source = Path(folder)
        copy_sources(source)
        process, url, _ = start_server(source)
        try:
            results = {
                clients: [at_once(url, clients) for _ in range(ROUNDS)] for clients in CLIENTS
            }
        finally:
            process.terminate()
            process.wait(timeout=5)
    print(f"sitegen serve, clients fetching / at once ({ROUNDS} rounds each)")
    for clients, rounds in results.items():
        times = [seconds for run in rounds for seconds in run if seconds is not None]
        failed = clients * ROUNDS - len(times)
        median = statistics.median(times) if times else float("nan")
        worst = max(times, default=float("nan"))
        verdict = ""
        if clients == TARGET_CLIENTS:
            met = not failed and worst <= TARGET_SECONDS
            verdict = f"  {'OK' if met else 'OVER'} (target: all within {TARGET_SECONDS:g} s)"
        print(
            f"{clients:>4} clients: median {median:.3f} s, max {worst:.3f} s, "
            f"not answered {failed} of {clients * ROUNDS}{verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
