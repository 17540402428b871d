/**
 * Prints one plain `N passed, N failed, N skipped` line after web-test-runner's own output,
 * so CI can read the count (wtr's last line is otherwise a progress bar).
 */
function countSuite(suite, totals) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite.suites ?? []) countSuite(child, totals);
}

export function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) countSuite(session.testResults, totals);
        // A file that failed to load or threw outside a test still fails the run.
        if (!session.passed && totals.failed === 0 && (session.errors?.length ?? 0) > 0) totals.failed += 1;
      }
      // wtr redraws its progress area on exit; print after it has settled.
      process.on('exit', () => {
        process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
      });
    },
  };
}
