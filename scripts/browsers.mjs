/**
 * The browsers the test suite runs in, one launcher per engine, each started with the settings in
 * browser-flags.mjs (Chromium), firefox-prefs.mjs (Firefox) or webkit-options.mjs (WebKit).
 * TEST_BROWSERS (comma-separated: chromium, firefox, webkit) picks a subset; `npm test --
 * --browsers chromium` sets it (scripts/test.mjs).
 *
 * Each engine runs Debian's browser from a fixed path, which an environment variable overrides:
 * CHROMIUM_PATH, FIREFOX_PATH, WEBKIT_DRIVER_PATH, MINIBROWSER_PATH (or WEBKIT_DIR) and XVFB_PATH.
 * test/tooling/missing-browsers.test.mjs points them somewhere missing to check what `npm test`
 * says then.
 */
import { accessSync, constants } from 'node:fs';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser-flags.mjs';
import { FIREFOX_ENV, FIREFOX_PATH, firefoxPrefs } from './firefox-prefs.mjs';
import { WebKitLauncher } from './webkit-launcher.mjs';
import { MINIBROWSER_PATH, WEBKIT_DRIVER_PATH, XVFB_PATH } from './webkit-options.mjs';

/** Engine ids in run order, with the label web-test-runner reports them under. */
export const ENGINES = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };

/** What each engine needs on the machine: a file, and the Debian package that installs it (as in .ci/run). */
const NEEDS = {
  chromium: [{ path: CHROMIUM_PATH, debian: 'chromium' }],
  firefox: [{ path: FIREFOX_PATH, debian: 'firefox-esr' }],
  webkit: [
    { path: WEBKIT_DRIVER_PATH, debian: 'webkit2gtk-driver' },
    { path: MINIBROWSER_PATH, debian: 'libwebkit2gtk-4.1-0' },
    { path: XVFB_PATH, debian: 'xvfb' },
  ],
};

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The engines of `engines` that cannot start here, each with the files it lacks and their Debian packages. */
export function missingEngines(engines) {
  return engines
    .map((engine) => ({ engine, lacks: NEEDS[engine].filter((need) => !isExecutable(need.path)) }))
    .filter(({ lacks }) => lacks.length > 0)
    .map(({ engine, lacks }) => ({ engine, paths: lacks.map((need) => need.path), packages: lacks.map((need) => need.debian) }));
}

export function selectedEngines(value = process.env.TEST_BROWSERS) {
  if (!value || !value.trim()) return Object.keys(ENGINES);
  const wanted = value
    .split(/[\s,]+/)
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const unknown = wanted.filter((name) => !(name in ENGINES));
  if (unknown.length > 0) {
    throw new Error(`Unknown browser(s) ${unknown.join(', ')}: choose from ${Object.keys(ENGINES).join(', ')}`);
  }
  return Object.keys(ENGINES).filter((name) => wanted.includes(name));
}

export function chromiumLauncher() {
  const launcher = chromeLauncher({
    launchOptions: { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS },
  });
  launcher.name = ENGINES.chromium;
  return launcher;
}

export function firefoxLauncher({ sinkUrl }) {
  // Passing puppeteer-core as the "custom puppeteer" makes the launcher honour `browser`
  // (it then drives Firefox over WebDriver BiDi) and report itself as Firefox.
  return chromeLauncher({
    puppeteer: puppeteerCore,
    launchOptions: {
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      extraPrefsFirefox: firefoxPrefs({ sinkUrl }),
      env: { ...process.env, ...FIREFOX_ENV },
    },
  });
}

export function webkitLauncher({ sinkUrl }) {
  return new WebKitLauncher({ sinkUrl });
}

/** @param {string[]} engines @param {Record<string, { url: string }>} sinks keyed by label */
export function createLaunchers(engines, sinks) {
  return engines.map((engine) => {
    if (engine === 'chromium') return chromiumLauncher();
    if (engine === 'firefox') return firefoxLauncher({ sinkUrl: sinks[ENGINES.firefox].url });
    return webkitLauncher({ sinkUrl: sinks[ENGINES.webkit].url });
  });
}
