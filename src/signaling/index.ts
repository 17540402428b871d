/**
 * `trtc-live-elements/signaling`: how co-anchor requests travel between a viewer and the host.
 * The interface a site implements to bring its own transport, the protocol's messages, and the two
 * transports the package ships. See docs/signaling.md.
 */
export type { CoAnchorSignaling, SignalingIdentity, SignalingMessage, Unsubscribe } from './types.js';
export { SignalingError } from './errors.js';
export type { SignalingErrorCode } from './errors.js';
export {
  encodeMessage,
  IgnoredMessages,
  isHostMessage,
  isRequestId,
  isViewerMessage,
  MAX_MESSAGE_LENGTH,
  newRequestId,
  parseMessage,
  PROTOCOL_NAME,
  PROTOCOL_VERSION,
  REQUEST_TIMEOUT_MS,
} from './protocol.js';
export type { CoAnchorMessage, CoAnchorMessageKind, DenyReason, HostMessage, IgnoreReason, ViewerMessage } from './protocol.js';
export { LoopbackSignaling } from './loopback.js';
export type { LoopbackSignalingOptions } from './loopback.js';
export { TencentChatSignaling } from './tencent-chat.js';
export type { ChatInstance, ChatModule, TencentChatSignalingOptions } from './tencent-chat.js';
