#!/usr/bin/env python3
"""upstream-selftest.py - run helm-unittest's own runner tests with chartc.

helm-unittest's pkg/unittest/test_runner_test.go runs its test charts
(test/data/v3/...) with given flags and compares the printed report with
cupaloy snapshots (pkg/unittest/.snapshots/TestV3Runner*). This script runs
`chartc unittest` with the same settings on a fresh copy of those charts,
normalises the report the way the Go test does (makeOutputSnapshotable:
suite sections sorted, time masked) and compares it with the snapshot, so
both the verdicts and the report text are checked; the runner tests that
assert substrings or the verdict alone are run the same way (28 of its 30
TestV3Runner* tests; the two left out are named below VERDICT).

  python3 tests/unittest/upstream-selftest.py --repo DIR [--chartc ./chartc] [-k NAME]

DIR is a helm-unittest checkout or bare git directory (the `fetch` tool
brings github:helm-unittest/helm-unittest). Nothing of it is committed here.
Prints "summary: cases N, suites N, tests N, cpu USER+SYSs" (the suites and
tests the reports count, chartc's CPU time) and ends with "N passed, N
failed"; exit 1 on a mismatch.
"""
import argparse, os, re, resource, shutil, subprocess, sys, tempfile, time

# name, chart, flags (test files, values...), expect passed (exit 0)
CASES = [
    ("TestV3RunnerOkWithPassedTests", "../../test/data/v3/basic", ["-f", "tests/*_test.yaml", "-s=false"], True),
    ("TestV3RunnerOkWithSubSubChartsPassedTests", "../../test/data/v3/with-subsubcharts", ["-f", "tests/*_test.yaml"], True),
    ("TestV3RunnerOkWithFailingTemplatePassedTest", "../../test/data/v3/failing-template", ["-f", "tests/*_test.yaml", "-s=false"], True),
    ("TestV3RunnerOkWithOverrideValuesPassedTests", "../../test/data/v3/basic",
     ["-f", "tests/*_test.yaml", "-s=false", "-v", "../../test/data/services_values.yaml"], True),
    ("TestV3RunnerOkWithAbsoluteOverrideValuesPassedTests", "../../test/data/v3/basic",
     ["-f", "tests/*_test.yaml", "-s=false", "-v", "ABS:../../test/data/services_values.yaml"], True),
    ("TestV3RunnerOkWithFailedTests", "../../test/data/v3/basic", ["-f", "tests_failed/*_test.yaml", "-s=false"], False),
    ("TestV3RunnerOkWithSubSubfolder", "../../test/data/v3/with-subfolder", ["-f", "tests/*_test.yaml", "-s=false"], True),
    ("TestV3RunnerWithTestsInSubchart", "../../test/data/v3/with-subchart", ["-f", "tests/*_test.yaml"], True),
    ("TestV3RunnerWithTestsInSubchartButFlagFalse", "../../test/data/v3/with-subchart", ["-f", "tests/*_test.yaml", "-s=false"], True),
    ("TestV3RunnerOkGlobalDoubleWithPassedTests", "../../test/data/v3/global-double-setting", ["-f", "tests/*_test.yaml", "-s=false"], True),
    ("TestV3RunnerOkWithFiles", "../../test/data/v3/with-files", ["-f", "tests/*_test.yaml", "-s=false"], True),
    ("TestV3RunnerOkWithFullsnapshot", "../../test/data/v3/full-snapshot", ["-f", "tests/*_test.yaml", "-s=false"], True),
    ("TestV3RunnerOkWithRenderedTests", "../../test/data/v3/with-helm-tests", ["-f", "no-such-suites", "-s=false", "--chart-tests-path", "tests-chart"], True),
    ("TestV3RunnerOkWithDocumentSelector", "../../test/data/v3/with-document-select", ["-f", "tests/*_test.yaml", "-s=false"], True),
    ("TestV3RunnerOkWithDocumentSelectorWithFailedTests", "../../test/data/v3/with-document-select", ["-f", "tests_failed/*_test.yaml", "-s=false"], False),
    ("TestV3RunnerOkWithFakeK8sClient", "../../test/data/v3/with-k8s-fake-client", ["-f", "tests/*_test.yaml", "-s=false"], True),
    ("TestV3RunnerOkWithSchemaValidation", "../../test/data/v3/with-schema", ["-f", "tests/*_test.yaml", "-s=false"], True),
    ("TestV3RunnerOkPackagedChartWithExternalUnittest", "../../test/data/v3/with-subchart/charts/postgresql-0.8.3.tgz",
     ["-f", "../../test/data/external/*.yaml", "-s=false"], True),
    ("TestV3RunnerOkPackagedChart", "../../test/data/v3/with-packaged-0.1.0.tgz",
     ["-f", "../../test/data/external/tests/*.yaml", "-s=false", "-v", "../../test/data/external/ns_values.yaml"], True),
]

# checks of test_runner_test.go that are substrings, not snapshots
CONTAINS = [
    ("TestV3RunnerOkWithDocumentSelect", "../../test/data/v3/with-document-select", ["-f", "tests/*_test.yaml", "-s=false"], True,
     ["Test Suites: 8 passed, 8 total", "Tests:       13 passed, 13 total"]),
    ("TestV3RunnerOkWithSkippedTestsWhenSubchartDisabledOnCondition", "../../test/data/v3/with-disabled-subchart-on-condition",
     ["-f", "tests/*_test.yaml"], True, ["Charts:      1 passed, 1 total", "Test Suites: 0 passed, 0 total"]),
    ("TestV3RunnerOkWithSkippedTestsWhenSubchartDisabledOnTags", "../../test/data/v3/with-disabled-subchart-on-tags",
     ["-f", "tests/*_test.yaml"], True, ["Charts:      1 passed, 1 total", "Test Suites: 4 passed, 4 total"]),
]

CPU = [0.0, 0.0]   # user and system seconds of the chartc runs

# test_runner_test.go's checks of the verdict alone, and those that write
# their chart from the test (FIX:NAME is FIXTURES[NAME] written to a
# temporary directory)
VERDICT = [
    ("TestV3RunnerInvalidChartDirFailfast", "tests/*_test.yaml", ["-f", "tests/*_test.yaml", "-q"], False, []),
    ("TestV3RunnerInvalidTestSuiteFailfast", "../../test/data/v3/invalidbasic", ["-f", "tests/*_test.yaml", "-q"], False, []),
    ("TestV3RunnerOk_With_FailFast_NoPanic", "../../test/data/v3/failing-template", ["-f", "tests/*_test.yaml", "-q"], True, []),
    ("TestV3RunnerOkWithTestSkipped", "../../test/data/v3/with-schema", ["-f", "tests/*_test.yaml"], True, []),
    ("TestV3RunnerOkWithSkippedTests_Output", "FIX:skipped-tests", ["-f", "tests/*_test.yaml"], None,
     ["Test Suites: 1 failed, 1 passed, 1 skipped, 3 total", "- SKIPPED 'should render deployment'",
      "Tests:       1 failed, 1 passed, 1 skipped, 3 total"]),
    ("TestV3RunnerOkWithSkippedSuits_Output", "FIX:skipped-suites", ["-f", "tests/*_test.yaml"], None,
     ["PASS  should skip one and execute one", "- SKIPPED 'should skip test'",
      "Tests:       1 passed, 1 skipped, 2 total"]),
]
# Not run: TestV3RunnerOkWithPassedTestsDifferentFormatter (SonarQube XML;
# chartc writes JUnit) and TestV3RunnerOkWithPostRenderer (needs mikefarah's
# Go yq as the post-renderer).

_CHART = "apiVersion: v2\nname: basic\nversion: 0.1.0\n"
_DEPLOY = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nginx\nspec:\n  replicas: 3\n"
_SUITE = ("---\nsuite: %s\ntemplates:\n  - deployment.yaml\n%stests:\n"
          "  - it: should render deployment\n    asserts:\n      - exists:\n          path: %s\n")
FIXTURES = {
    "skipped-tests": {
        "Chart.yaml": _CHART, "templates/deployment.yaml": _DEPLOY,
        "tests/deployment_test.yaml": _SUITE % ("test skip on suite level", "", "spec.replicas"),
        "tests/deployment_2_test.yaml": _SUITE % ("test skip on suite level",
                                                  "skip:\n  reason: \"This suite is not ready yet\"\n", "spec.replicas"),
        "tests/deployment_3_test.yaml": _SUITE % ("test skip on suite level", "", "spec.notExists"),
    },
    "skipped-suites": {
        "Chart.yaml": _CHART, "templates/deployment.yaml": _DEPLOY,
        "tests/deployment_test.yaml": "---\nsuite: should skip one and execute one\ntemplates:\n  - deployment.yaml\ntests:\n"
        "  - it: should skip test\n    skip:\n     reason: \"This suite is not ready yet\"\n    asserts:\n"
        "      - exists:\n          path: metadata.name\n  - it: should not skip test\n    asserts:\n"
        "      - exists:\n          path: metadata.name\n",
    },
}


def fixture(name, dest):
    for path, text in FIXTURES[name].items():
        os.makedirs(os.path.dirname(os.path.join(dest, path)), exist_ok=True)
        with open(os.path.join(dest, path), "w") as f:
            f.write(text)
    return dest


SECTION = re.compile(r"( PASS | FAIL |\n*###|\n*Charts:|\n*Snapshot Summary:)")
TIME = re.compile(r"(Time:\s+)(?:[\d\.]+)(s|ms|\xb5s)")


def snapshotable(out):
    """makeOutputSnapshotable + cupaloy's joining of the values"""
    out = out.replace("\\", "/")
    out = TIME.sub(r"\g<1>XX.XXXms", out)
    locs = [m.start() for m in SECTION.finditer(out)]
    sections, begin = [], -1
    for i, start in enumerate(locs):
        end = locs[i + 1] if i + 1 < len(locs) else len(out)
        s = out[start:end]
        if s[:6] in (" PASS ", " FAIL "):
            sections.append(s.rstrip("\n"))
            if begin == -1:
                begin = len(sections) - 1
        else:
            sections.append(s)
            if begin != -1:
                sections[begin:len(sections) - 1] = sorted(sections[begin:len(sections) - 1])
                begin = -1
    return "\n".join(sections) + "\n"   # cupaloy ends the file with a newline


def checkout(repo, dest):
    if os.path.isdir(os.path.join(repo, "pkg")):
        shutil.copytree(repo, dest, symlinks=True)
    else:
        os.makedirs(dest)
        git = subprocess.Popen(["git", "--git-dir", repo, "archive", "HEAD", "test", "pkg/unittest/.snapshots"], stdout=subprocess.PIPE)
        subprocess.check_call(["tar", "-x", "-C", dest], stdin=git.stdout)
        git.wait()


def run(chartc, top, chart, flags):
    cwd = os.path.join(top, "pkg", "unittest")
    args = [os.path.abspath(os.path.join(cwd, f[4:])) if f.startswith("ABS:") else f for f in flags]
    t0 = time.time()
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run([chartc, "unittest", "--color=false"] + args + [chart], cwd=cwd,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[0] += ru.ru_utime - ru0.ru_utime
    CPU[1] += ru.ru_stime - ru0.ru_stime
    return p.returncode, p.stdout.decode("utf-8", "replace"), time.time() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", required=True)
    ap.add_argument("--chartc", default="./chartc")
    ap.add_argument("-k", default="")
    ap.add_argument("-v", action="store_true", help="show the diff of a failing case")
    a = ap.parse_args()
    chartc = os.path.abspath(a.chartc)
    passed = failed = 0
    suites = tests = 0   # as the reports count them (Test Suites:, Tests: totals)
    for case in CASES + CONTAINS + VERDICT:
        name, chart, flags, want_ok = case[:4]
        if a.k not in name:
            continue
        tmp = tempfile.mkdtemp(prefix="ut-selftest-")
        try:
            checkout(a.repo, os.path.join(tmp, "hu"))
            top = os.path.join(tmp, "hu")
            if chart.startswith("FIX:"):
                chart = fixture(chart[4:], os.path.join(tmp, "fixture", "chart"))
            rc, out, secs = run(chartc, top, chart, flags)
            for m in re.finditer(r"^Test Suites: .*?(\d+) total$", out, re.M):
                suites += int(m.group(1))
            for m in re.finditer(r"^Tests: .*?(\d+) total$", out, re.M):
                tests += int(m.group(1))
            why = []
            if want_ok is not None and (rc == 0) != want_ok:
                why.append("exit %d, want %s" % (rc, "0" if want_ok else "1"))
            body = re.sub(r"\d+ passed, \d+ failed\n\Z", "", out)   # chartc's closing line
            if len(case) == 5:
                for s in case[4]:
                    if s not in body:
                        why.append("missing %r" % s)
            else:
                with open(os.path.join(top, "pkg", "unittest", ".snapshots", name)) as f:
                    want = f.read()
                got = snapshotable(body)
                if got != want:
                    why.append("report differs from .snapshots/%s" % name)
                    if a.v:
                        import difflib
                        sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), got.splitlines(True), "want", "got"))
            if why:
                failed += 1
                print("FAIL %s (%.2fs): %s" % (name, secs, "; ".join(why)))
            else:
                passed += 1
                print("ok   %s (%.2fs)" % (name, secs))
        finally:
            shutil.rmtree(tmp)
    print("summary: cases %d, suites %d, tests %d, cpu %.2f+%.2fs" % (passed + failed, suites, tests, CPU[0], CPU[1]))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
