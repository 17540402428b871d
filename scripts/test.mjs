#!/usr/bin/env node
/**
 * `npm test`: web-test-runner in every engine (Chromium, Firefox, WebKit), or in the ones named by
 * `--browsers chromium,firefox` (also `--browsers chromium firefox`) or TEST_BROWSERS.
 * Every other argument goes to wtr unchanged, e.g. `npm test -- --browsers chromium --files test/room/**`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ENGINES, missingEngines, selectedEngines } from './browsers.mjs';
import { ensureBuild } from './ensure-build.mjs';

const args = process.argv.slice(2);
const passOn = [];
const browsers = [];
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i];
  if (arg.startsWith('--browsers=')) browsers.push(arg.slice('--browsers='.length));
  else if (arg === '--browsers') {
    while (i + 1 < args.length && !args[i + 1].startsWith('-')) browsers.push(args[(i += 1)]);
  } else passOn.push(arg);
}

const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', PUPPETEER_SKIP_DOWNLOAD: '1' };
if (browsers.length > 0) env.TEST_BROWSERS = browsers.join(',');
let engines;
try {
  engines = selectedEngines(env.TEST_BROWSERS);
} catch (error) {
  console.error(error.message);
  process.exit(2);
}

// A missing browser would fail every test file in it, one by one: say so at once instead.
const missing = missingEngines(engines);
if (missing.length > 0) {
  for (const { engine, paths, packages } of missing) {
    const install = `sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`;
    console.error(`${ENGINES[engine]} cannot run, ${paths.join(' and ')} missing: install with \`${install}\``);
  }
  const present = engines.filter((engine) => !missing.some((entry) => entry.engine === engine));
  if (present.length > 0) console.error(`Or run the engines that are here: npm test -- --browsers ${present.join(',')}`);
  process.exit(1);
}

// The package, plain-HTML and demo tests load dist/, as a page author's page would.
try {
  await ensureBuild();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const wtr = fileURLToPath(new URL('../node_modules/@web/test-runner/dist/bin.js', import.meta.url));
const child = spawn(process.execPath, [wtr, ...passOn], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
