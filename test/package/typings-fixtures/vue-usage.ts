// Type-checked by test/package/exports.test.ts (through scripts/package-facts.mjs), not by `tsc --noEmit`:
// it needs the built dist/vue.d.ts, reached through the package's own `exports`.
import type { GlobalComponents } from 'vue';
import type {} from 'trtc-live-elements/vue';

type PropsOf<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$props'];

export const room: PropsOf<'trtc-live-room'> = {
  sdkAppId: 1400000000,
  roomId: '8888',
  userId: 'viewer_42',
  userSig: 'made-on-the-server',
  backend: 'loopback',
  manual: false,
  autoPublish: true,
  lang: 'zh-CN',
  onTrtcStateChange: (event) => event.detail.connectionState satisfies string,
  onTrtcError: (event) => {
    const code: string = event.detail.code;
    return code;
  },
};

export const remote: PropsOf<'trtc-remote-stream'> = { userId: 'host', objectFit: 'contain', muted: true };
export const local: PropsOf<'trtc-local-stream'> = { mirror: 'false', room: 'stage' };
export const button: PropsOf<'trtc-co-anchor-button'> = { noAudio: true, room: 'stage' };

// @ts-expect-error: a misspelt prop is reported.
export const misspelt: PropsOf<'trtc-live-room'> = { roomID: '8888' };
// @ts-expect-error: `backend` is `trtc` or `loopback`.
export const unknownBackend: PropsOf<'trtc-live-room'> = { backend: 'webrtc' };
// @ts-expect-error: reflected state is read, not bound.
export const boundState: PropsOf<'trtc-live-room'> = { connectionState: 'joined' };
// @ts-expect-error: the error detail has no `reason`.
export const wrongDetail: PropsOf<'trtc-live-room'> = { onTrtcError: (event) => event.detail.reason };
