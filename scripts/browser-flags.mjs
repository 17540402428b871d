/**
 * Chromium flags for every browser this project starts (tests, benchmarks, demo checks).
 * The real TRTC SDK contacts Tencent's hosts on join and uploads logs, and Chromium itself
 * phones home; the resolver rule makes every host but loopback unresolvable.
 */
export const NETWORK_FLAGS = [
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-domain-reliability',
  '--disable-breakpad',
  '--metrics-recording-only',
  '--no-pings',
];

// Three fake cameras, so switching devices is tested with frames from another one: fake_device_0
// (I420) and fake_device_2 (MJPEG) both go over WebRTC; fake_device_1 is Chromium's fake depth
// camera (Y16), which a <video> plays but a peer connection cannot encode (it sends no frames).
export const MEDIA_FLAGS = ['--use-fake-device-for-media-stream=device-count=3', '--use-fake-ui-for-media-stream'];

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  ...NETWORK_FLAGS,
  ...MEDIA_FLAGS,
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--autoplay-policy=no-user-gesture-required',
];
