/**
 * Drives the demo as a person would: starts the demo server, opens the two-pane page in a new
 * tab of the given puppeteer browser, waits for the viewer to see the host, clicks the viewer's
 * co-anchor button and waits for the host to see the viewer. Returns what it measured, with
 * every failed request and console error of the tab, axe-core's violations, and how each pane fits
 * its page. A second check opens the page on a phone-sized screen and measures where the viewer's
 * pane starts.
 */
import { createRequire } from 'node:module';
import { startServer } from './serve.mjs';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const TIMEOUT_MS = 30000;

/** Counts frames presented by the video of the tile showing `userId` inside a frame's room. */
function countFramesOf(userId, sampleMs) {
  const room = document.querySelector('trtc-live-room');
  const tile = [...(room?.shadowRoot?.querySelectorAll('trtc-remote-stream') ?? [])].find(
    (candidate) => candidate.getAttribute('stream-user-id') === userId,
  );
  const video = tile?.shadowRoot?.querySelector('video');
  if (!video) return Promise.resolve(0);
  return new Promise((resolve) => {
    let frames = 0;
    const onFrame = () => {
      frames += 1;
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    setTimeout(() => resolve(frames), sampleMs);
  });
}

async function waitForFrames(frame, userId) {
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    const frames = await frame.evaluate(countFramesOf, userId, 500);
    if (frames >= 3) return frames;
  }
  throw new Error(`no frames from ${userId} within ${TIMEOUT_MS} ms`);
}

function paneOf(tab, userId) {
  const frame = tab.frames().find((candidate) => new URL(candidate.url()).searchParams.get('user-id') === userId);
  if (!frame) throw new Error(`no pane for ${userId}`);
  return frame;
}

/** Failed requests and console errors of a tab, from the moment it opens. */
function recordProblems(tab) {
  const problems = [];
  tab.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  tab.on('requestfailed', (request) => problems.push(`failed ${request.url()}`));
  tab.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}

/** Each pane's frame height next to the height of the page inside it, and where it starts. */
function measurePanes() {
  return [...document.querySelectorAll('.pane')].map((pane) => {
    const frame = pane.querySelector('iframe');
    return {
      id: frame.id,
      top: pane.getBoundingClientRect().top + scrollY,
      frameBottom: frame.getBoundingClientRect().bottom + scrollY,
      frameHeight: frame.clientHeight,
      pageHeight: frame.contentDocument.documentElement.getBoundingClientRect().height,
    };
  });
}

async function openDemo(browser, server, viewport) {
  const tab = await browser.newPage();
  const problems = recordProblems(tab);
  if (viewport) await tab.setViewport(viewport);
  const { port } = server.address();
  await tab.goto(`http://127.0.0.1:${port}/demo/`, { waitUntil: 'load' });
  return { tab, problems };
}

/** axe-core's violations on the demo page and on each party's page (frames are checked on their own). */
async function axeViolations(tab) {
  const violations = [];
  for (const frame of tab.frames()) {
    await frame.addScriptTag({ path: AXE_PATH });
    const found = await frame.evaluate(async () => {
      const { violations: list } = await window.axe.run(document, { iframes: false });
      return list.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    });
    violations.push(...found.map((violation) => `${new URL(frame.url()).pathname} ${violation}`));
  }
  return violations;
}

/** Pane heights settle a frame after their pages change. */
async function settledPanes(tab) {
  await tab.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return tab.evaluate(measurePanes);
}

export async function checkDemo(browser) {
  const server = await startServer({ port: 0 });
  const { tab, problems } = await openDemo(browser, server);
  try {
    // Only the tab in front is painted at full frame rate.
    await tab.bringToFront();
    const host = paneOf(tab, 'host');
    const viewer = paneOf(tab, 'viewer_1');
    const viewerSawHost = await waitForFrames(viewer, 'host');
    const button = await viewer.waitForSelector('trtc-live-room >>> trtc-co-anchor-button >>> button', {
      timeout: TIMEOUT_MS,
    });
    await viewer.waitForFunction(
      () => document.querySelector('trtc-live-room')?.getAttribute('connection-state') === 'joined',
      { timeout: TIMEOUT_MS },
    );
    await button.click();
    // The viewer asks; the host approves in its queue.
    const approve = await host.waitForSelector('trtc-co-anchor-requests >>> [part~="approve"]', { timeout: TIMEOUT_MS });
    await approve.click();
    await viewer.waitForFunction(
      () => document.querySelector('trtc-live-room')?.getAttribute('co-anchor-state') === 'live',
      { timeout: TIMEOUT_MS },
    );
    const hostSawViewer = await waitForFrames(host, 'viewer_1');
    const pressed = await button.evaluate((element) => element.getAttribute('aria-pressed'));
    const panes = await settledPanes(tab);
    return { viewerSawHost, hostSawViewer, buttonPressed: pressed, panes, problems, axeViolations: await axeViolations(tab) };
  } finally {
    await tab.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

const PHONE = { width: 375, height: 667 };

/** The demo on a phone-sized screen, once the viewer sees the host: where each pane is. */
export async function checkDemoOnPhone(browser) {
  const server = await startServer({ port: 0 });
  const { tab, problems } = await openDemo(browser, server, PHONE);
  try {
    await tab.bringToFront();
    await waitForFrames(paneOf(tab, 'viewer_1'), 'host');
    const panes = await settledPanes(tab);
    return { screenHeight: PHONE.height, panes, problems, axeViolations: await axeViolations(tab) };
  } finally {
    await tab.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

/**
 * A web-test-runner plugin: `executeServerCommand('check-demo')` (or `'check-demo-on-phone'`) runs
 * the check in the test's own browser.
 */
export function demoCheckPlugin() {
  return {
    name: 'demo-check',
    async executeCommand({ command, session }) {
      const check = { 'check-demo': checkDemo, 'check-demo-on-phone': checkDemoOnPhone }[command];
      if (!check) return undefined;
      const testPage = session.browser.getPage(session.id);
      try {
        return await check(testPage.browser());
      } finally {
        await testPage.bringToFront();
      }
    },
  };
}
