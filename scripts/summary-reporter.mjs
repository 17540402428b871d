/**
 * Prints plain count lines after web-test-runner's own output, so CI can read them (wtr's last
 * line is otherwise a progress bar): one `Engine: N passed, N failed, N skipped` line per browser,
 * then the network-isolation report, then the total over every engine as the very last line:
 * `N passed, N failed, N skipped`.
 */
function countSuite(suite, totals) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite.suites ?? []) countSuite(child, totals);
}

const line = ({ passed, failed, skipped }) => `${passed} passed, ${failed} failed, ${skipped} skipped`;

/** @param {{ finalChecks?: () => { lines: string[], problems: string[] } }} [options] */
export function summaryReporter({ finalChecks } = {}) {
  return {
    onTestRunFinished({ sessions }) {
      /** @type {Map<string, { passed: number, failed: number, skipped: number }>} */
      const engines = new Map();
      for (const session of sessions) {
        const name = session.browser.name;
        if (!engines.has(name)) engines.set(name, { passed: 0, failed: 0, skipped: 0 });
        const totals = engines.get(name);
        const own = { passed: 0, failed: 0, skipped: 0 };
        if (session.testResults) countSuite(session.testResults, own);
        // A file that failed to load or threw outside a test still fails the run.
        if (!session.passed && own.failed === 0) own.failed += 1;
        totals.passed += own.passed;
        totals.failed += own.failed;
        totals.skipped += own.skipped;
      }
      const all = { passed: 0, failed: 0, skipped: 0 };
      const out = [''];
      for (const [name, totals] of engines) {
        out.push(`${name}: ${line(totals)}`);
        all.passed += totals.passed;
        all.failed += totals.failed;
        all.skipped += totals.skipped;
      }
      if (finalChecks) {
        const { lines, problems } = finalChecks();
        out.push(...lines);
        for (const problem of problems) out.push(`FAILED network isolation: ${problem}`);
        all.failed += problems.length;
        if (problems.length > 0) process.exitCode = 1;
      }
      out.push(line(all));
      // wtr redraws its progress area on exit; print after it has settled.
      process.on('exit', () => {
        process.stdout.write(`${out.join('\n')}\n`);
      });
    },
  };
}
