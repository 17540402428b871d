import { TrtcCoAnchorButtonElement } from './elements/co-anchor-button/co-anchor-button.js';
import { TrtcLiveRoomElement } from './elements/live-room/live-room.js';
import { TrtcLocalStreamElement } from './elements/local-stream/local-stream.js';
import { TrtcRemoteStreamElement } from './elements/remote-stream/remote-stream.js';
import { TrtcCoAnchorRequestsElement } from './elements/co-anchor-requests/co-anchor-requests.js';

// The room first: when the page's markup is upgraded, children then find an upgraded room to ask.
// Another copy of this package (or an app's own element) may already own a tag: keep theirs.
if (!customElements.get('trtc-live-room')) customElements.define('trtc-live-room', TrtcLiveRoomElement);
if (!customElements.get('trtc-remote-stream')) customElements.define('trtc-remote-stream', TrtcRemoteStreamElement);
if (!customElements.get('trtc-local-stream')) customElements.define('trtc-local-stream', TrtcLocalStreamElement);
if (!customElements.get('trtc-co-anchor-button')) {
  customElements.define('trtc-co-anchor-button', TrtcCoAnchorButtonElement);
}
if (!customElements.get('trtc-co-anchor-requests')) {
  customElements.define('trtc-co-anchor-requests', TrtcCoAnchorRequestsElement);
}

export { TrtcCoAnchorButtonElement, TrtcLiveRoomElement, TrtcLocalStreamElement, TrtcRemoteStreamElement };
export { TrtcCoAnchorRequestsElement };
export type { MirrorMode } from './elements/local-stream/local-stream.js';
export type { LiveRoomElementEventMap } from './elements/shared/events.js';
export { LiveRoomController, type LiveRoomControllerOptions } from './room/live-room-controller.js';
export type * from './room/types.js';
// The namespace a `backend` name loads (for `loopback`, the very object `trtc-live-elements/loopback` exports).
export { loadBackend, type BackendName } from './backends/loader.js';
export type * from './backends/types.js';
