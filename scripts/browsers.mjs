/**
 * The browsers the test suite runs in, one launcher per engine, each started with the settings in
 * browser-flags.mjs (Chromium), firefox-prefs.mjs (Firefox) or webkit-options.mjs (WebKit).
 * TEST_BROWSERS (comma-separated: chromium, firefox, webkit) picks a subset; `npm test --
 * --browsers chromium` sets it (scripts/test.mjs).
 */
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser-flags.mjs';
import { FIREFOX_ENV, FIREFOX_PATH, firefoxPrefs } from './firefox-prefs.mjs';
import { WebKitLauncher } from './webkit-launcher.mjs';

/** Engine ids in run order, with the label web-test-runner reports them under. */
export const ENGINES = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };

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
