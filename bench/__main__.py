"""Run every benchmark, each in its own process, and print a summary table.

    uv run python -m bench                       # all (make bench)
    uv run python -m bench write_path sweep      # some

Each benchmark writes var/bench/<name>.json; the table is read back from those files.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from bench._common import RESULTS_DIR, _fmt

BENCHMARKS = ("write_path", "event_latency", "sweep", "memory")
BENCHMARKS += ("work_tray", "legacy_import", "delivery")  # issues 3 and 5
BENCHMARKS += ("localoffer_search",)  # issue 13
BENCHMARKS += ("cases_search",)  # issue 14
BENCHMARKS += ("statement_cost",)  # issue 9
TIMEOUT_S = 400


def main(argv: list[str]) -> int:
    names = argv or list(BENCHMARKS)
    unknown = set(names) - set(BENCHMARKS)
    if unknown:
        print(f"unknown benchmark(s): {', '.join(sorted(unknown))}; have {', '.join(BENCHMARKS)}")
        return 2
    outcomes: dict[str, str] = {}
    for name in names:
        print(f"\n### {name}: uv run python -m bench.{name}", flush=True)
        started = time.monotonic()
        try:
            done = subprocess.run([sys.executable, "-m", f"bench.{name}"],  # noqa: S603
                                  timeout=TIMEOUT_S, check=False)
            outcomes[name] = "ran" if done.returncode == 0 else f"failed ({done.returncode})"
        except subprocess.TimeoutExpired:
            outcomes[name] = f"timed out after {TIMEOUT_S}s"
        print(f"### {name}: {outcomes[name]} in {time.monotonic() - started:.0f}s", flush=True)
    print("\n## Summary (var/bench/*.json)\n")
    print(f"| {'benchmark':<14} | {'figure':<44} | {'value':>12} | {'unit':<8} | "
          f"{'target':<16} | {'ok':<6} |")
    print(f"|{'-' * 16}|{'-' * 46}|{'-' * 14}|{'-' * 10}|{'-' * 18}|{'-' * 8}|")
    all_ok = True
    for name in names:
        path = RESULTS_DIR / f"{name}.json"
        if outcomes[name] != "ran" or not path.exists():
            print(f"| {name:<14} | {outcomes[name]:<44} | {'':>12} | {'':<8} | {'':<16} | "
                  f"{'no':<6} |")
            all_ok = False
            continue
        for f in json.loads(path.read_text())["figures"]:
            ok = "" if f["ok"] is None else ("yes" if f["ok"] else "NO")
            all_ok = all_ok and f["ok"] is not False
            print(f"| {name:<14} | {f['label']:<44} | {_fmt(f['value']):>12} | {f['unit']:<8} | "
                  f"{f['target'] or '':<16} | {ok:<6} |")
    print(f"\nall targets met: {'yes' if all_ok else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
