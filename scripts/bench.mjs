#!/usr/bin/env node
/**
 * `npm run bench`: what a viewer and a page author wait for, measured in headless Chromium on the
 * loopback backend (offline), plus the shipped sizes. Prints the median and the 90th percentile of
 * each measure over several runs. Timings depend on the machine: compare runs on one machine.
 * Then: the elements against raw seed-style code (first remote frame, click to preview) as ratios,
 * the cost of one remote mute change by room size (5, 50, 200 streams and views) on a
 * synthetic backend without media (bench/mute-scaling.html), and 250 join/leave visits in one
 * page with what they leave open (bench/cycles.html; fails the run if anything stays open or the
 * heap grows by more than 1 MB).
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

/**
 * (a) One remote mute change with 5, 50 and 200 remote streams and views, on a backend with no
 * media: what the room itself costs per event. The sizes are interleaved so drift hits all alike.
 */
async function benchMuteScaling(page) {
  const SIZES = [5, 50, 200];
  const ROUNDS = 5;
  await page.goto(`http://127.0.0.1:${server.address().port}/bench/mute-scaling.html`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready]');
  const subjects = {
    // A change takes about a microsecond here: 20000 of them make a sample that timer resolution
    // and one garbage collection cannot swamp.
    'the controller with plain views': (count) => window.bench.controllerMuteChange(count, 20000),
    'the elements (room and <trtc-remote-stream>s, rendered)': (count) => window.bench.muteChange(count, 400),
  };
  for (const [subject, measure] of Object.entries(subjects)) {
    const samples = Object.fromEntries(SIZES.map((size) => [size, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const size of SIZES) samples[size].push(await page.evaluate(measure, size));
    }
    console.log(`\nOne remote mute change, synthetic backend, ${subject} (${ROUNDS} rounds; ms per change)`);
    for (const size of SIZES) {
      console.log(`  ${String(size).padStart(3)} streams and views  median ${percentile(samples[size], 0.5).toFixed(4)}  p90 ${percentile(samples[size], 0.9).toFixed(4)}`);
    }
    const ratio = percentile(samples[200], 0.5) / percentile(samples[5], 0.5);
    console.log(`  t(200)/t(5) = ${ratio.toFixed(2)} (target <= 2)`);
  }
}

/**
 * (b) The elements against raw seed-style code on the same loopback backend, interleaved (the
 * order alternates each run): time to the host's first frame, and click to one's own preview.
 * Printed as ratios elements / raw, with their spread over the runs.
 */
async function benchAgainstRaw(page, url) {
  const ratios = { 'first remote frame': [], 'click to local preview': [] };
  const times = { elements: { ttff: [], preview: [] }, raw: { ttff: [], preview: [] } };
  await page.goto(url, { waitUntil: 'load' });
  await page.bringToFront();
  await page.waitForSelector('body[data-ready]');
  for (let run = 0; run < RUNS; run += 1) {
    const order = run % 2 ? [true, false] : [false, true];
    const result = {};
    for (const raw of order) result[raw ? 'raw' : 'elements'] = await page.evaluate((rawCode) => window.bench.firstFrames(rawCode), raw);
    for (const kind of ['elements', 'raw']) {
      times[kind].ttff.push(result[kind].ttff);
      times[kind].preview.push(result[kind].preview);
    }
    ratios['first remote frame'].push(result.elements.ttff / result.raw.ttff);
    ratios['click to local preview'].push(result.elements.preview / result.raw.preview);
  }
  console.log(`\nElements against raw seed-style code, same loopback backend (${RUNS} interleaved runs)`);
  for (const [name, values] of Object.entries(ratios)) {
    const key = name === 'first remote frame' ? 'ttff' : 'preview';
    console.log(
      `  ${name.padEnd(24)} ratio median ${percentile(values, 0.5).toFixed(2)}  spread ${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)}` +
        `  (elements ${percentile(times.elements[key], 0.5).toFixed(0)} ms, raw ${percentile(times.raw[key], 0.5).toFixed(0)} ms)`,
    );
  }
}

/**
 * (c) 250 join/leave visits (half going on stage) in one page: open peer connections, live tracks
 * and heap growth after garbage collection, measured from after a warm-up of 10 visits.
 */
async function benchCycles(page) {
  const VISITS = 250;
  const WARM_UP = 10;
  await page.goto(`http://127.0.0.1:${server.address().port}/bench/cycles.html`, { waitUntil: 'load' });
  await page.bringToFront();
  await page.waitForSelector('body[data-ready]');
  const cdp = await page.createCDPSession();
  const heapAfterGc = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  await page.evaluate(() => window.bench.start());
  await page.evaluate((count) => window.bench.cycles(count), WARM_UP);
  const before = await heapAfterGc();
  const started = Date.now();
  for (let done = WARM_UP; done < VISITS; done += 20) {
    await page.evaluate((count, offset) => window.bench.cycles(count, offset), Math.min(20, VISITS - done), done);
    process.stdout.write(`\rvisit ${Math.min(done + 20, VISITS)}/${VISITS}`);
  }
  process.stdout.write('\n');
  const after = await heapAfterGc();
  const left = await page.evaluate(() => window.bench.finish());
  const growth = (after - before) / 1024;
  console.log(`\n${VISITS} join/leave visits in one page (half on stage; ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  console.log(`  open peer connections afterwards  ${left.openPeerConnections}`);
  console.log(`  live captured tracks afterwards   ${left.liveTracks}`);
  console.log(`  heap growth after GC              ${growth.toFixed(0)} KB (limit 1024 KB, from visit ${WARM_UP} to ${VISITS})`);
  if (left.openPeerConnections || left.liveTracks || growth > 1024) failed = true;
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
  await benchAgainstRaw(page, url);
  await benchMuteScaling(page);
  await benchCycles(page);
} finally {
  await browser.close();
  server.close();
}

console.log('\nSizes');
const size = spawnSync(process.execPath, [fileURLToPath(new URL('./size.mjs', import.meta.url))], { encoding: 'utf8' });
process.stdout.write(size.stdout.replace(/^/gm, '  '));
process.exit(failed ? 1 : 0);
