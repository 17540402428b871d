/**
 * Feature detection for tests that run in Chromium, Firefox and WebKit. A test that needs
 * something an engine lacks skips itself with the reason printed to the browser console (which
 * web-test-runner shows under the file), e.g.
 *
 *   before(function () { requireWebRTC(this); });      // the whole describe block
 *   it('...', async function () { requireWebRTC(this); ... });  // one test
 *
 * Never skip by browser name: ask for the feature the test needs.
 */

/** What the current browser has. Each check is live, so tests may stub globals first. */
export const features = {
  /** `RTCPeerConnection` (Debian's WebKitGTK is built without WebRTC). */
  webRTC: (): boolean => typeof globalThis.RTCPeerConnection === 'function',
  /** `navigator.mediaDevices.getUserMedia` (needs a secure context, such as the test server). */
  mediaCapture: (): boolean => typeof navigator.mediaDevices?.getUserMedia === 'function',
  /** `HTMLVideoElement.requestVideoFrameCallback`, used by helpers/media.ts to count frames. */
  videoFrameCallback: (): boolean => 'requestVideoFrameCallback' in HTMLVideoElement.prototype,
  /** `BroadcastChannel`, the loopback backend's signalling between tabs. */
  broadcastChannel: (): boolean => typeof globalThis.BroadcastChannel === 'function',
};

export type Feature = keyof typeof features;

const reasons: Record<Feature, string> = {
  webRTC: 'this browser has no RTCPeerConnection (built without WebRTC)',
  mediaCapture: 'this browser has no navigator.mediaDevices.getUserMedia',
  videoFrameCallback: 'this browser has no HTMLVideoElement.requestVideoFrameCallback',
  broadcastChannel: 'this browser has no BroadcastChannel',
};

/** The part of a mocha `this` that skipping needs (hooks and tests both have it). */
export interface SkipContext {
  skip(): void;
  test?: { fullTitle(): string };
  currentTest?: { fullTitle(): string };
}

function titleOf(context: SkipContext): string {
  // In a hook, `test` is the hook itself; `currentTest` is the test it runs for.
  return context.currentTest?.fullTitle() ?? context.test?.fullTitle() ?? '(unnamed)';
}

/**
 * Skips the calling test or hook (mocha `this.skip()`) unless `available`; prints why.
 * Call it first thing: `skip()` throws to stop the test.
 */
export function skipUnless(context: SkipContext, available: boolean, reason: string): void {
  if (available) return;
  console.log(`[skipped] ${titleOf(context)}: ${reason}`);
  context.skip();
}

/** Skips unless the browser has every named feature. */
export function requireFeatures(context: SkipContext, ...needed: Feature[]): void {
  const missing = needed.filter((name) => !features[name]());
  skipUnless(context, missing.length === 0, missing.map((name) => reasons[name]).join('; '));
}

export function requireWebRTC(context: SkipContext): void {
  requireFeatures(context, 'webRTC');
}

export function requireMediaCapture(context: SkipContext): void {
  requireFeatures(context, 'mediaCapture');
}

export function requireVideoFrameCallback(context: SkipContext): void {
  requireFeatures(context, 'videoFrameCallback');
}
