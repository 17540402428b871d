// Type-checked by test/package/exports.test.ts (through scripts/package-facts.mjs), not by `tsc --noEmit`:
// the `HTMLElementTagNameMap` and `HTMLElementEventMap` entries must reach consumers through dist/*.d.ts.
import type { TrtcLiveRoomElement, TrtcRemoteStreamElement } from 'trtc-live-elements';
import type {} from 'trtc-live-elements/loopback';

export const room: TrtcLiveRoomElement = document.createElement('trtc-live-room');
export const remote: TrtcRemoteStreamElement | null = document.querySelector('trtc-remote-stream');
room.addEventListener('trtc-error', (event) => event.detail.code satisfies string);
remote?.addEventListener('trtc-stream-added', (event) => event.detail.userId satisfies string);

// @ts-expect-error: the error detail has no `reason`.
room.addEventListener('trtc-error', (event) => event.detail.reason);
