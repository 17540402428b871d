import type {
  CoAnchorChangeDetail,
  CoAnchorRequestDetail,
  DeviceChangeDetail,
  KickedDetail,
  LiveRoomErrorDetail,
  LiveRoomEventMap,
  LiveRoomState,
  NetworkQuality,
  RemoteStreamSnapshot,
  RoomIdentityDetail,
} from '../../room/types.js';

/** The DOM events of `<trtc-live-room>`: every controller event plus `trtc-state-change`. */
export type LiveRoomElementEventMap = {
  [K in keyof LiveRoomEventMap]: CustomEvent<LiveRoomEventMap[K]>;
} & {
  'trtc-state-change': CustomEvent<LiveRoomState>;
};

declare global {
  interface HTMLElementEventMap {
    'trtc-state-change': CustomEvent<LiveRoomState>;
    'trtc-joined': CustomEvent<RoomIdentityDetail>;
    'trtc-left': CustomEvent<RoomIdentityDetail>;
    'trtc-stream-added': CustomEvent<RemoteStreamSnapshot>;
    'trtc-stream-removed': CustomEvent<RemoteStreamSnapshot>;
    'trtc-co-anchor-change': CustomEvent<CoAnchorChangeDetail>;
    'trtc-co-anchor-request': CustomEvent<CoAnchorRequestDetail>;
    'trtc-kicked': CustomEvent<KickedDetail>;
    'trtc-autoplay-blocked': CustomEvent<RemoteStreamSnapshot>;
    'trtc-error': CustomEvent<LiveRoomErrorDetail>;
    'trtc-device-change': CustomEvent<DeviceChangeDetail>;
    'trtc-network-quality': CustomEvent<NetworkQuality>;
  }
}

/** Room events bubble and cross shadow roots, so a page can listen on `document`. */
export function roomEvent<K extends keyof LiveRoomElementEventMap>(
  type: K,
  detail: LiveRoomElementEventMap[K]['detail'],
): LiveRoomElementEventMap[K] {
  return new CustomEvent(type, { detail, bubbles: true, composed: true }) as LiveRoomElementEventMap[K];
}
