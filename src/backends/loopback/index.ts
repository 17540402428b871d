/**
 * The loopback backend: the TRTC Web SDK v4 namespace (`import TRTC from 'trtc-js-sdk'`) over
 * real WebRTC between the tabs of one origin, or several clients in one page, with no account
 * and no network. Clients meet on a BroadcastChannel per sdkAppId and room id; media flows over
 * RTCPeerConnections with no ICE servers. For previews, demos and tests; production rooms run on
 * Tencent Cloud.
 */
import type { TrtcBackend, TrtcClientConfig, TrtcStreamConfig } from '../types.js';
import { LoopbackClient } from './client.js';
import { getCameras, getMicrophones, getSpeakers } from './devices.js';
import { checkStreamConfig, LoopbackLocalStream } from './local-stream.js';
import { checkSystemRequirements } from './system.js';

/** The SDK version whose API this mirrors, marked as the loopback. */
const VERSION = '4.15.22-loopback';

const TRTC: TrtcBackend = Object.freeze({
  VERSION,
  /** There is nothing to log remotely and nothing to upload: these only exist so SDK code runs unchanged. */
  Logger: Object.freeze({
    setLogLevel: (_level: number) => undefined,
    enableUploadLog: () => undefined,
    disableUploadLog: () => undefined,
  }),
  checkSystemRequirements,
  createClient: (config: TrtcClientConfig) => new LoopbackClient(config),
  createStream(config: TrtcStreamConfig) {
    checkStreamConfig(config);
    return new LoopbackLocalStream(config);
  },
  getCameras,
  getMicrophones,
  getSpeakers,
});

export default TRTC;
export { loopbackTesting } from './testing.js';
export type { LoopbackTesting, LoopbackTimings } from './testing.js';
