/**
 * `npm test` on a machine missing a browser: within seconds, one line per missing engine with the
 * command that installs it, and how to run the engines that are here, instead of a run in which
 * every test of that engine fails. Run with `node --test test/tooling/` (.ci/run does, before the
 * browser tests). The browsers are made missing through the path overrides in scripts/browsers.mjs.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import process from 'node:process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const TEST_SCRIPT = fileURLToPath(new URL('../../scripts/test.mjs', import.meta.url));
const NOWHERE = '/nonexistent/trtc-live-elements';

function npmTest(args, missing) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [TEST_SCRIPT, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...missing },
    timeout: 30000,
  });
  return { ...result, seconds: (Date.now() - started) / 1000, lines: `${result.stdout}${result.stderr}`.trim().split('\n') };
}

test('Firefox missing: one line with its install command, and how to run the engines that are here', () => {
  const run = npmTest(['--browsers', 'chromium,firefox'], { FIREFOX_PATH: `${NOWHERE}/firefox-esr` });
  assert.equal(run.status, 1);
  assert.ok(run.seconds < 10, `answered in ${run.seconds} s`);
  assert.deepEqual(run.lines, [
    `Firefox cannot run, ${NOWHERE}/firefox-esr missing: install with \`sudo apt-get install -y --no-install-recommends firefox-esr\``,
    'Or run the engines that are here: npm test -- --browsers chromium',
  ]);
});

test('every engine missing: one line each, naming every Debian package .ci/run installs', () => {
  const run = npmTest([], {
    CHROMIUM_PATH: `${NOWHERE}/chromium`,
    FIREFOX_PATH: `${NOWHERE}/firefox-esr`,
    WEBKIT_DRIVER_PATH: `${NOWHERE}/WebKitWebDriver`,
    MINIBROWSER_PATH: `${NOWHERE}/MiniBrowser`,
    XVFB_PATH: `${NOWHERE}/Xvfb`,
  });
  assert.equal(run.status, 1);
  assert.ok(run.seconds < 10, `answered in ${run.seconds} s`);
  assert.equal(run.lines.length, 3, run.lines.join('\n'));
  assert.match(run.lines[0], /^Chromium cannot run, .* `sudo apt-get install -y --no-install-recommends chromium`$/);
  assert.match(run.lines[1], /^Firefox cannot run, .* `sudo apt-get install -y --no-install-recommends firefox-esr`$/);
  assert.match(
    run.lines[2],
    /^WebKit cannot run, .* `sudo apt-get install -y --no-install-recommends webkit2gtk-driver libwebkit2gtk-4.1-0 xvfb`$/,
  );
});

test('an engine not asked for may be missing: it is not reported', () => {
  const browsers = new URL('../../scripts/browsers.mjs', import.meta.url).href;
  const check = `import(${JSON.stringify(browsers)}).then((m) => console.log(JSON.stringify(m.missingEngines(['chromium']))))`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', check], {
    encoding: 'utf8',
    env: { ...process.env, FIREFOX_PATH: `${NOWHERE}/firefox-esr`, XVFB_PATH: `${NOWHERE}/Xvfb` },
  });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), []);
});
