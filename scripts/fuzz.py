"""The long fuzz run of the readers and extractors: tests/importers/test_fuzz.py's properties
under the ``fuzz-long`` hypothesis profile (thirty times the CI cases, fresh random ones).

    .venv/bin/python scripts/fuzz.py [--profile fuzz-long|fuzz-ci] [-k NAME]

Prints per property the cases run, the files read and documents extracted, the errors the
readers reported, the slowest document and the time taken; then the totals. A failing
property is reported with its falsifying example and the run goes on; the exit code is 1
when any failed.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="fuzz-long", choices=["fuzz-long", "fuzz-ci"])
    parser.add_argument("-k", dest="only", help="run only properties whose name has this")
    args = parser.parse_args()
    # The profile is read when the test module decorates its properties: set it first.
    os.environ["KP_FUZZ_PROFILE"] = args.profile
    from tests.importers import test_fuzz

    counts: Counter = Counter()
    slowest = [0.0, ""]
    check_input, check_record = test_fuzz.check_input, test_fuzz.check_record

    def counted_input(data: bytes, name: str) -> None:
        counts["files"] += 1
        counts["bytes"] += len(data)
        check_input(data, name)

    def counted_record(document) -> None:
        counts["documents"] += 1
        started = time.process_time()  # CPU, as the time limit counts it
        check_record(document)
        elapsed = time.process_time() - started
        if elapsed > slowest[0]:
            slowest[:] = [elapsed, f"{document.source} ({len(document.text):,} chars)"]

    test_fuzz.check_input, test_fuzz.check_record = counted_input, counted_record
    read_errors = Counter()
    original_read_bytes = test_fuzz.read_bytes

    def counted_read_bytes(data: bytes, name: str):
        for item in original_read_bytes(data, name):
            if isinstance(item, test_fuzz.ReadError):
                read_errors[item.problem.split(" (")[0].split(":")[0][:60]] += 1
            yield item

    test_fuzz.read_bytes = counted_read_bytes
    started = time.perf_counter()
    test_fuzz.warm_caches()
    print(f"== fuzz run, profile {args.profile}, time limit {test_fuzz.TIME_LIMIT} s of CPU "
          f"per document, warm-up {time.perf_counter() - started:.1f} s ==")
    properties = [(name, value) for name, value in vars(test_fuzz).items()
                  if name in test_fuzz.CASES
                  and (not args.only or args.only in name)]
    total_cases, failures = 0, []
    for name, prop in properties:
        cases = test_fuzz.CASES[name]
        before = Counter(counts)
        started = time.perf_counter()
        try:
            prop()
            outcome = "ok"
            total_cases += cases
        except Exception as error:  # a failing property (an overrun too): report, go on
            outcome = "FAILED"
            failures.append((name, error))
        seconds = time.perf_counter() - started
        done = counts - before
        print(f"{name:<45} {outcome:<6} {cases:6,} cases {done['files']:7,} files "
              f"{done['documents']:7,} documents {seconds:7.1f} s", flush=True)
    print(f"total: {total_cases:,} cases passed, {counts['files']:,} files "
          f"({counts['bytes'] / 1e6:,.1f} MB) read, {counts['documents']:,} documents "
          f"extracted, {len(failures)} properties failed; slowest extraction "
          f"{slowest[0]:.2f} s of CPU: {slowest[1]}")
    print("reader errors by kind (first words):")
    for problem, count in read_errors.most_common(12):
        print(f"  {count:7,}  {problem}")
    for name, error in failures:
        print(f"\n== {name} failed ==")
        traceback.print_exception(error, limit=-8)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
