import { LoopbackSignaling } from '../../src/signaling/loopback.js';
import type { SignalingIdentity } from '../../src/signaling/types.js';

/**
 * A real loopback transport whose connection a test can wait for (a host must be listening before
 * a viewer asks, or the request is dropped, as any transport drops a message to someone absent),
 * and whose sent messages it can read.
 */
export function watchedTransport() {
  const transport = new LoopbackSignaling();
  const sent: { to: string; data: string }[] = [];
  let connected!: () => void;
  const ready = new Promise<void>((resolve) => (connected = resolve));
  const { connect, send } = transport;
  transport.connect = async (identity: SignalingIdentity) => {
    await connect.call(transport, identity);
    connected();
  };
  transport.send = async (to: string, data: string) => {
    sent.push({ to, data });
    await send.call(transport, to, data);
  };
  return { transport, ready, sent };
}
