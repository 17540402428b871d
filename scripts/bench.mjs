#!/usr/bin/env node
/**
 * `npm run bench`: what a viewer and a page author wait for, measured in headless Chromium on the
 * loopback backend (offline), plus the shipped sizes. Prints the median and the 90th percentile of
 * each measure over several runs. Timings depend on the machine: compare runs on one machine.
 *
 *   npm run bench            # 10 visits
 *   npm run bench -- --runs 30
 */
import puppeteer from 'puppeteer-core';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser-flags.mjs';
import { ensureBuild } from './ensure-build.mjs';
import { startServer } from './serve.mjs';

const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag === -1 ? 10 : Number(process.argv[runsFlag + 1]);
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error('--runs takes a positive whole number');
  process.exit(2);
}
const TILES = 100;

function percentile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

function printTable(title, samples) {
  console.log(`\n${title}`);
  const width = Math.max(...Object.keys(samples).map((name) => name.length));
  console.log(`  ${'measure'.padEnd(width)}  median ms     p90 ms`);
  for (const [name, values] of Object.entries(samples)) {
    const median = percentile(values, 0.5).toFixed(1).padStart(9);
    const p90 = percentile(values, 0.9).toFixed(1).padStart(10);
    console.log(`  ${name.padEnd(width)}  ${median} ${p90}`);
  }
}

await ensureBuild();
const server = await startServer({ port: 0 });
const browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
let failed = false;
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => {
    failed = true;
    console.error(`page error: ${error.message}`);
  });
  const url = `http://127.0.0.1:${server.address().port}/bench/live-room.html`;
  const visits = {};
  const loads = { 'CDN entry loaded and tags defined': [], [`render a room with ${TILES} tiles`]: [] };
  for (let run = 0; run < RUNS; run += 1) {
    // A fresh load each run: the module is fetched, parsed and the tags defined every time.
    await page.goto(url, { waitUntil: 'load' });
    await page.bringToFront();
    await page.waitForSelector('body[data-ready]');
    loads['CDN entry loaded and tags defined'].push(await page.evaluate(() => window.bench.definedAfter));
    loads[`render a room with ${TILES} tiles`].push(await page.evaluate((count) => window.bench.manyTiles(count), TILES));
    const result = await page.evaluate(() => window.bench.visit());
    for (const [name, value] of Object.entries(result)) (visits[name] ??= []).push(value);
    process.stdout.write(`\rrun ${run + 1}/${RUNS}`);
  }
  process.stdout.write('\n');
  printTable(`A viewer's visit on the loopback backend (${RUNS} runs, two rooms in one page)`, visits);
  printTable('Loading and rendering', loads);
} finally {
  await browser.close();
  server.close();
}

console.log('\nSizes');
const size = spawnSync(process.execPath, [fileURLToPath(new URL('./size.mjs', import.meta.url))], { encoding: 'utf8' });
process.stdout.write(size.stdout.replace(/^/gm, '  '));
process.exit(failed ? 1 : 0);
