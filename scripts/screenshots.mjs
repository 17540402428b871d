/**
 * Screenshots of the demo as a viewer sees it, for reviewing the default layout:
 * desktop 1280×720 and phone 375×667, `en` and `zh-CN`, watching, previewing (camera and mic
 * checked before going live, with the on-stage controls), asking the host, live (the host
 * approves), and live with mic and camera muted; the phone also as a whole page. Chinese needs a
 * CJK font on the machine (Debian: fonts-wqy-microhei).
 * `npm run build` first; writes PNGs to screenshots/ (not committed).
 */
import puppeteer from 'puppeteer-core';
import { mkdir } from 'node:fs/promises';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser-flags.mjs';
import { startServer } from './serve.mjs';

const VIEWPORTS = { desktop: { width: 1280, height: 720 }, phone: { width: 375, height: 667 } };
const outDir = new URL('../screenshots/', import.meta.url);

const server = await startServer({ port: 0 });
const { port } = server.address();
const browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
await mkdir(outDir, { recursive: true });
try {
  for (const lang of ['en', 'zh-CN']) {
    const host = await browser.newPage();
    await host.goto(`http://127.0.0.1:${port}/demo/room.html?user-id=host&user-role=anchor&auto-publish&lang=${lang}`);
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const viewer = await browser.newPage();
      await viewer.setViewport(viewport);
      const viewerId = `viewer_${name}_${lang.replace('-', '')}`;
      await viewer.goto(`http://127.0.0.1:${port}/demo/room.html?user-id=${viewerId}&lang=${lang}`);
      await viewer.bringToFront();
      await viewer.waitForFunction(
        () => document.querySelector('trtc-live-room')?.shadowRoot?.querySelector('trtc-remote-stream[active]'),
        { timeout: 20000 },
      );
      await new Promise((resolve) => setTimeout(resolve, 800));
      await viewer.screenshot({ path: new URL(`${name}-${lang}-watching.png`, outDir).pathname });
      await viewer.evaluate(() => document.querySelector('trtc-live-room').startPreview());
      await viewer.waitForFunction(
        () => document.querySelector('trtc-live-room')?.shadowRoot?.querySelector('trtc-local-stream[active]'),
        { timeout: 20000 },
      );
      await new Promise((resolve) => setTimeout(resolve, 800));
      await viewer.screenshot({ path: new URL(`${name}-${lang}-previewing.png`, outDir).pathname });
      if (name === 'phone') await viewer.screenshot({ path: new URL(`${name}-${lang}-previewing-page.png`, outDir).pathname, fullPage: true });
      const button = await viewer.waitForSelector('trtc-live-room >>> trtc-co-anchor-button >>> button');
      await button.click();
      // The demo's viewer asks the host (signaling="loopback"): the host approves in its queue.
      await viewer.waitForFunction(() => document.querySelector('trtc-live-room')?.getAttribute('co-anchor-state') === 'requesting');
      await viewer.screenshot({ path: new URL(`${name}-${lang}-requesting.png`, outDir).pathname });
      await host.waitForFunction(
        (userId) => document.querySelector('trtc-live-room').state.coAnchorRequests.some((request) => request.userId === userId),
        { timeout: 20000 },
        viewerId,
      );
      await host.evaluate((userId) => document.querySelector('trtc-live-room').approveCoAnchorRequest(userId), viewerId);
      await viewer.bringToFront();
      await viewer.waitForFunction(
        () => document.querySelector('trtc-live-room')?.getAttribute('co-anchor-state') === 'live',
        { timeout: 20000 },
      );
      await new Promise((resolve) => setTimeout(resolve, 800));
      await viewer.screenshot({ path: new URL(`${name}-${lang}-live.png`, outDir).pathname });
      if (name === 'phone') await viewer.screenshot({ path: new URL(`${name}-${lang}-live-page.png`, outDir).pathname, fullPage: true });
      await viewer.evaluate(async () => {
        const room = document.querySelector('trtc-live-room');
        await room.setMicrophoneEnabled(false);
        await room.setCameraEnabled(false);
      });
      await new Promise((resolve) => setTimeout(resolve, 800));
      await viewer.screenshot({ path: new URL(`${name}-${lang}-live-muted.png`, outDir).pathname });
      await viewer.close();
    }
    await host.close();
  }
  console.log(`screenshots written to ${outDir.pathname}`);
} finally {
  await browser.close();
  server.close();
}
