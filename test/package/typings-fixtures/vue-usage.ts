// Type-checked by test/package/exports.test.ts (through scripts/package-facts.mjs), not by `tsc --noEmit`:
// it needs the built dist/vue.d.ts, reached through the package's own `exports`.
import type { GlobalComponents } from 'vue';
import type {} from 'trtc-live-elements/vue';

type PropsOf<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$props'];

// Props as the template binds them (`:sdk-app-id`, `@trtc-error`), spelt as custom-element-vuejs-integration writes them.
export const room: PropsOf<'trtc-live-room'> = {
  'sdk-app-id': 1400000000,
  'room-id': '8888',
  'user-id': 'viewer_42',
  'user-sig': 'made-on-the-server',
  backend: 'loopback',
  manual: false,
  'auto-publish': true,
  lang: 'zh-CN',
  'ontrtc-state-change': (event) => event.detail.connectionState satisfies string,
  'ontrtc-error': (event) => {
    const code: string = event.detail.code;
    return code;
  },
};

export const remote: PropsOf<'trtc-remote-stream'> = { 'user-id': 'host', 'object-fit': 'contain', muted: true };
export const local: PropsOf<'trtc-local-stream'> = { mirror: 'false', room: 'stage' };
export const button: PropsOf<'trtc-co-anchor-button'> = { 'no-audio': true, room: 'stage' };

// @ts-expect-error: a misspelt prop is reported.
export const misspelt: PropsOf<'trtc-live-room'> = { 'room-ID': '8888' };
// @ts-expect-error: `backend` is `trtc` or `loopback`.
export const unknownBackend: PropsOf<'trtc-live-room'> = { backend: 'webrtc' };
// @ts-expect-error: reflected state is read, not bound.
export const boundState: PropsOf<'trtc-live-room'> = { 'connection-state': 'joined' };
// @ts-expect-error: the error detail has no `reason`.
export const wrongDetail: PropsOf<'trtc-live-room'> = { 'ontrtc-error': (event) => event.detail.reason };
