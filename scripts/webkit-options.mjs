/**
 * WebKit settings for every WebKit this project starts: Debian's WebKitGTK MiniBrowser
 * (package webkit2gtk-driver), driven by WebKitWebDriver under a private Xvfb.
 * MiniBrowser has no telemetry of its own; what could leave the machine is page traffic and DNS
 * prefetching. DNS prefetching is off, and every request for a non-loopback host goes through a
 * loopback proxy that records and drops it (scripts/network-sink.mjs). (WebKitGTK 2.50 ignores
 * the hyperlink-auditing setting; <a ping> requests go through the proxy like any other.)
 */

const MULTIARCH = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' }[process.arch] ?? `${process.arch}-linux-gnu`;
/** Where Debian's libwebkit2gtk-4.1-0 puts MiniBrowser (webkit2gtk-driver depends on it). */
export const WEBKIT_DIR = process.env.WEBKIT_DIR ?? `/usr/lib/${MULTIARCH}/webkit2gtk-4.1`;
export const MINIBROWSER_PATH = process.env.MINIBROWSER_PATH ?? `${WEBKIT_DIR}/MiniBrowser`;
export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const XVFB_PATH = process.env.XVFB_PATH ?? '/usr/bin/Xvfb';

/** Hosts MiniBrowser may reach directly; everything else goes to the sink. */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '::1'];

export function webkitNetworkArgs({ sinkUrl }) {
  return [
    `--proxy=${sinkUrl}`,
    // One host per option: MiniBrowser does not split a comma-separated list.
    ...LOOPBACK_HOSTS.map((host) => `--ignore-host=${host}`),
    '--enable-dns-prefetching=false',
  ];
}

/** A mock camera and microphone with no prompt, and media that may play without a gesture. */
export const WEBKIT_MEDIA_ARGS = [
  '--enable-media-stream=true',
  '--enable-mock-capture-devices=true',
  '--autoplay-policy=allow',
  '--media-playback-requires-user-gesture=false',
  // Debian builds WebKitGTK without WebRTC, so this changes nothing there today; it keeps
  // RTCPeerConnection on wherever a build has it, and feature detection decides what runs.
  '--enable-webrtc=true',
];

export function miniBrowserArgs({ sinkUrl }) {
  return ['--automation', ...WEBKIT_MEDIA_ARGS, ...webkitNetworkArgs({ sinkUrl })];
}
