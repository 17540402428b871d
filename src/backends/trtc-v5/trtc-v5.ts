/**
 * The TRTC Web SDK v5 (`trtc-sdk-v5`) as a v4-shaped namespace: what `backend="trtc-v5"` loads.
 *
 * Why v5 is wrapped into v4's shape rather than both SDKs sitting behind a port of our own: the
 * room controller then keeps reading as its workflows (join, go on stage, leave) against the one
 * contract in ../types.ts that the loopback backend and the seed tutorial's code share, and every
 * rule it keeps (serialised steps, rollback, releasing each listener) holds on v5 unchanged. The
 * mapping is narrow: v5's imperative calls on one instance (`enterRoom`, `startLocalVideo`,
 * `startRemoteVideo`, ...) map onto v4's client and stream objects, and v5's per-user
 * availability events onto v4's stream events (see client.ts).
 *
 * Loaded only by a room that asks for it: its own CDN chunk (about 230 KB gzip, v5 included).
 */
import SDK from 'trtc-sdk-v5/trtc.esm.js';
import type { TrtcBackend, TrtcClientConfig, TrtcStreamConfig, TrtcSystemCheck } from '../types.js';
import { V5Client } from './client.js';
import { checkStreamConfig, V5LocalStream } from './local-stream.js';

/** Set on the class at run time; v5's declarations leave it out. */
const { VERSION } = SDK as typeof SDK & { VERSION: string };

/** v4 and v5 number log levels alike (0 TRACE … 5 NONE); the SDK's default is INFO. */
const INFO = 2;
let logLevel = INFO;
let uploadLog = false;
const applyLogging = () => SDK.setLogLevel(logLevel, uploadLog);
// v5 uploads its logs to Tencent Cloud unless told not to: nothing leaves the page unless asked.
applyLogging();

/** The client of each user: a stream created for that user captures on its v5 instance, so that client can publish it. */
const clients = new Map<string, V5Client>();

const TRTC: TrtcBackend = Object.freeze({
  VERSION,
  Logger: Object.freeze({
    setLogLevel(level: number) {
      logLevel = level;
      applyLogging();
    },
    enableUploadLog() {
      uploadLog = true;
      applyLogging();
    },
    disableUploadLog() {
      uploadLog = false;
      applyLogging();
    },
  }),
  /** v5's `isSupported()` answers in v4's shape (`{ result, detail: { isWebRTCSupported, ... } }`). */
  checkSystemRequirements: (): Promise<TrtcSystemCheck> => SDK.isSupported(),
  createClient(config: TrtcClientConfig) {
    const client: V5Client = new V5Client(SDK, config, () => {
      if (clients.get(client.userId) === client) clients.delete(client.userId);
    });
    clients.set(client.userId, client);
    return client;
  },
  createStream(config: TrtcStreamConfig) {
    checkStreamConfig(config);
    const stream: V5LocalStream = new V5LocalStream(config, () => {
      const client = config.userId === undefined ? undefined : clients.get(config.userId);
      client?.adoptLocalStream(stream);
      return client ? { trtc: client.trtc, owned: false } : { trtc: SDK.create({ enableAutoPlayDialog: false }), owned: true };
    });
    return stream;
  },
  // Listing asks for permission first where labels would be empty, as v4's lists do.
  getCameras: () => SDK.getCameraList(),
  getMicrophones: () => SDK.getMicrophoneList(),
  getSpeakers: () => SDK.getSpeakerList(),
});

export default TRTC;
