import type { TrtcClient } from '../types.js';
import { faultControlsOf } from './client.js';
import type { FaultControls } from './client.js';
import { replugDevices, unplugDevice } from './devices.js';
import { ignoredMessageCount } from './signal-channel.js';
import { configureTimings } from './timings.js';
import type { LoopbackTimings } from './timings.js';

function controlsOf(client: TrtcClient, hook: string): FaultControls {
  const controls = faultControlsOf(client);
  if (!controls) throw new TypeError(`loopbackTesting.${hook}: not a loopback client`);
  return controls;
}

/**
 * Test hooks for the loopback backend, deliberately outside the TRTC surface: tests use them to
 * speed up its timers and to simulate the faults a real room suffers.
 */
export const loopbackTesting = Object.freeze({
  /**
   * Changes how fast clients notice silence (defaults: heartbeat 1000 ms, peer timeout 4000 ms,
   * reconnect timeout 10000 ms), how often local streams check their tracks (500 ms) and how
   * often clients report network quality (2000 ms). Options given are merged into the current
   * ones; with no argument the defaults come back. Running clients pick the change up on their
   * next tick. Returns the timings now in force; throws a TypeError for an unknown option or a
   * value that is not a positive number.
   */
  configure(options?: Partial<LoopbackTimings>): Readonly<LoopbackTimings> {
    return configureTimings(options);
  },

  /**
   * The client vanishes as if its tab had closed: heartbeats stop, its peer connections and
   * channel close, it says no goodbye and emits nothing. The others notice within the peer
   * timeout ('stream-removed', 'peer-leave').
   */
  dropPeer(client: TrtcClient): void {
    controlsOf(client, 'dropPeer()').drop();
  },

  /**
   * The client's signalling goes silent both ways (media keeps flowing): it emits
   * 'connection-state-changed' CONNECTED → RECONNECTING. Unless restored within the reconnect
   * timeout it emits 'error' SIGNAL_CHANNEL_RECONNECTION_FAILED (0x4006) and leaves the room
   * (state DISCONNECTED).
   */
  loseSignal(client: TrtcClient): void {
    controlsOf(client, 'loseSignal()').loseSignal();
  },

  /** Signalling is back: RECONNECTING → CONNECTED, and the client catches up with the room. */
  restoreSignal(client: TrtcClient): void {
    controlsOf(client, 'restoreSignal()').restoreSignal();
  },

  /**
   * The device `deviceId` (a camera, microphone or speaker of `enumerateDevices()`) is unplugged,
   * for the loopback: it leaves `getCameras()` / `getMicrophones()` / `getSpeakers()`, capture
   * cannot open it, the loopback tracks it feeds end (with the 'ended' event a real unplug fires)
   * and `navigator.mediaDevices` fires 'devicechange'. The browser itself still has it. Tests
   * that unplug call `replugDevices()` when they finish.
   */
  unplugDevice(deviceId: string): void {
    if (typeof deviceId !== 'string' || deviceId === '') throw new TypeError('loopbackTesting.unplugDevice(): a device id');
    unplugDevice(deviceId);
  },

  /** Every device unplugged by `unplugDevice()` is back ('devicechange' fires if there was one). */
  replugDevices(): void {
    replugDevices();
  },

  /** How many malformed or foreign channel messages clients of this page have ignored (once per receiving client). */
  ignoredMessageCount(): number {
    return ignoredMessageCount();
  },
});

export type LoopbackTesting = typeof loopbackTesting;
export type { LoopbackTimings };
