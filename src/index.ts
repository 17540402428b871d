import { TrtcCoAnchorButtonElement } from './elements/co-anchor-button/co-anchor-button.js';
import { TrtcLiveRoomElement } from './elements/live-room/live-room.js';
import { TrtcLocalStreamElement } from './elements/local-stream/local-stream.js';
import { TrtcRemoteStreamElement } from './elements/remote-stream/remote-stream.js';
import { TrtcCoAnchorRequestsElement } from './elements/co-anchor-requests/co-anchor-requests.js';
import { TrtcCameraToggleElement } from './elements/camera-toggle/camera-toggle.js';
import { TrtcDeviceSelectElement } from './elements/device-select/device-select.js';
import { TrtcMicToggleElement } from './elements/mic-toggle/mic-toggle.js';
import { TrtcNetworkQualityElement } from './elements/network-quality/network-quality.js';

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
if (!customElements.get('trtc-mic-toggle')) customElements.define('trtc-mic-toggle', TrtcMicToggleElement);
if (!customElements.get('trtc-camera-toggle')) customElements.define('trtc-camera-toggle', TrtcCameraToggleElement);
if (!customElements.get('trtc-device-select')) customElements.define('trtc-device-select', TrtcDeviceSelectElement);
if (!customElements.get('trtc-network-quality')) customElements.define('trtc-network-quality', TrtcNetworkQualityElement);

export { TrtcCoAnchorButtonElement, TrtcLiveRoomElement, TrtcLocalStreamElement, TrtcRemoteStreamElement };
export { TrtcCoAnchorRequestsElement };
export { TrtcCameraToggleElement, TrtcDeviceSelectElement, TrtcMicToggleElement, TrtcNetworkQualityElement };
export type { QualityName } from './room/activity.js';
export type { MirrorMode } from './elements/local-stream/local-stream.js';
export type { LiveRoomElementEventMap } from './elements/shared/events.js';
export { LiveRoomController, type LiveRoomControllerOptions } from './room/live-room-controller.js';
export type * from './room/types.js';
// The namespace a `backend` name loads (for `loopback`, the very object `trtc-live-elements/loopback` exports).
export { loadBackend, type BackendName } from './backends/loader.js';
export type * from './backends/types.js';
