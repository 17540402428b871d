// Type-checked by test/package/exports.test.ts (through scripts/package-facts.mjs), not by `tsc --noEmit`:
// it needs the built dist/jsx.d.ts, reached through the package's own `exports`.
import type { TrtcLiveElementsJSX } from 'trtc-live-elements/jsx';

export const room = (
  <trtc-live-room
    sdk-app-id="1400000000"
    room-id={8888}
    user-id="host"
    user-role="anchor"
    backend="loopback"
    auto-publish
    manual={false}
    credentials-url="/credentials"
    ontrtc-error={(event) => event.detail.code satisfies string}
    ontrtc-state-change={(event) => event.detail.connectionState satisfies string}
  >
    <trtc-remote-stream user-id="guest" object-fit="contain" muted slot="stage"></trtc-remote-stream>
    <trtc-local-stream mirror="false"></trtc-local-stream>
    <trtc-co-anchor-button no-audio></trtc-co-anchor-button>
  </trtc-live-room>
);

// For frameworks with their own JSX namespace (React 19: `declare module 'react' { namespace JSX { ... } }`).
export const tags: (keyof TrtcLiveElementsJSX)[] = [
  'trtc-live-room',
  'trtc-remote-stream',
  'trtc-local-stream',
  'trtc-co-anchor-button',
  'trtc-co-anchor-requests',
];

// @ts-expect-error: a misspelt property is reported.
export const misspelt = <trtc-live-room usersig="x" />;
// @ts-expect-error: listeners get the event's own detail type.
export const wrongDetail = <trtc-live-room ontrtc-error={(event: CustomEvent<number>) => event.detail} />;
// @ts-expect-error: `sdk` takes a TRTC-v4-shaped namespace, not a string.
export const wrongProperty = <trtc-live-room sdk="trtc" />;
