"""Judges checkov JSON reports, one per scanned stack, together against .ci/checkov-skips.yaml.

Fails on any failed check that no skip names, on a skip that matches no failure in any report
(stale), and on parse errors; prints the counts. Usage: checkov_gate.py REPORT.json... SKIPS.yaml
"""

import fnmatch
import json
import sys

import yaml


def logical_name(resource: str) -> str:
    # checkov names a block "data.<name>", "resource.<name>" or "<type>.<name>".
    return resource.rsplit(".", 1)[-1]


def main(report_paths: list[str], skips_path: str) -> int:
    reports = []
    for report_path in report_paths:
        with open(report_path, encoding="utf-8") as f:
            report = json.load(f)
        reports += report if isinstance(report, list) else [report]
    with open(skips_path, encoding="utf-8") as f:
        skips = yaml.safe_load(f) or []
    for skip in skips:
        if not (skip.get("check") and skip.get("resources") and skip.get("reason")):
            print(f"checkov gate: a skip needs check, resources and reason: {skip}")
            return 1

    passed = 0
    parsing_errors = 0
    failures = []
    for r in reports:
        summary = r.get("summary", {})
        passed += summary.get("passed", 0)
        parsing_errors += summary.get("parsing_errors", 0)
        failures += r.get("results", {}).get("failed_checks", [])

    used = set()
    skipped = []
    failed = []
    for check in failures:
        name = logical_name(check["resource"])
        match = next(
            (
                i
                for i, s in enumerate(skips)
                if s["check"] == check["check_id"] and fnmatch.fnmatchcase(name, s["resources"])
            ),
            None,
        )
        if match is None:
            failed.append(check)
        else:
            used.add(match)
            skipped.append(check)

    for check in failed:
        print(f"FAILED {check['check_id']} {check['resource']}: {check['check_name']}")
        if check.get("guideline"):
            print(f"       {check['guideline']}")
    stale = [s for i, s in enumerate(skips) if i not in used]
    for skip in stale:
        print(f"STALE SKIP {skip['check']} {skip['resources']}: no failure matches it; remove it")
    by_check = {}
    for check in skipped:
        by_check[check["check_id"]] = by_check.get(check["check_id"], 0) + 1
    for check_id, count in sorted(by_check.items()):
        print(f"skipped {check_id} on {count} resource(s)")
    print(
        f"checkov totals: passed={passed} failed={len(failed)} skipped={len(skipped)}"
        f" parsing_errors={parsing_errors}"
    )
    return 1 if failed or stale or parsing_errors or passed == 0 else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:-1], sys.argv[-1]))
