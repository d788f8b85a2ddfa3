"""Free TCP ports on 127.0.0.1 for processes a test starts (a service, `sendsys dev`)."""

from __future__ import annotations

import socket


def free_port(host: str = "127.0.0.1") -> int:
    """A port free on `host` now (the system picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def free_port_run(count: int = 5, tries: int = 50) -> int:
    """The first of `count` consecutive ports that are free now (another process may still
    take one before the caller binds it: start, and try again on a new run if it did)."""
    for _ in range(tries):
        base = free_port()
        if base + count >= 65535:
            continue
        try:
            for port in range(base, base + count):
                with socket.socket() as held:
                    held.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise RuntimeError(f"no run of {count} free ports")
