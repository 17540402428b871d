import type { TrtcBackend } from './types.js';

export type BackendName = 'trtc' | 'loopback';

let realSdk: Promise<TrtcBackend> | undefined;

/**
 * Loads a TRTC v4 namespace on first use, so the element bundle never carries the SDK
 * (about 340 KB) until a room actually joins with it.
 */
export function loadBackend(name: BackendName): Promise<TrtcBackend> {
  switch (name) {
    case 'trtc':
      realSdk ??= import('trtc-js-sdk/trtc.esm.js').then(
        // Typed as TrtcBackend so the compiler checks the SDK's own typings against that shape.
        (module): TrtcBackend => module.default,
        (error: unknown) => {
          realSdk = undefined;
          throw error;
        },
      );
      return realSdk;
    case 'loopback':
      // The module's own instance: a page importing `trtc-live-elements/loopback` gets the same object.
      return import('./loopback/index.js').then((module): TrtcBackend => module.default);
    default:
      return Promise.reject(new TypeError(`Unknown TRTC backend "${String(name)}"`));
  }
}
