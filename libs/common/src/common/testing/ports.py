"""Free TCP ports on 127.0.0.1 for processes a test starts (a service, `sendsys dev`)."""

from __future__ import annotations

import socket


def free_port_run(count: int = 5, tries: int = 50) -> int:
    """The first of `count` consecutive ports that are free now (another process may still
    take one before the caller binds it: start, and try again on a new run if it did)."""
    for _ in range(tries):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = int(probe.getsockname()[1])
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
