import type { TrtcBackend } from './types.js';

/**
 * How each backend a room can name is imported: lazily, so the element bundle carries no SDK
 * (v4 about 340 KB, v5 about 860 KB) until a room actually joins with it.
 */
const IMPORTS = {
  trtc: () => import('trtc-js-sdk/trtc.esm.js'),
  // v5 wrapped into v4's shape (see trtc-v5/trtc-v5.ts), so the same controller drives it.
  'trtc-v5': () => import('./trtc-v5/trtc-v5.js'),
  // The module's own instance: a page importing `trtc-live-elements/loopback` gets the same object.
  loopback: () => import('./loopback/index.js'),
};

export type BackendName = keyof typeof IMPORTS;
/** The names a room's `backend` attribute accepts. */
export const BACKEND_NAMES = Object.keys(IMPORTS) as readonly BackendName[];

const loaded = new Map<BackendName, Promise<TrtcBackend>>();

/**
 * A backend's module (a file of the kit) that the browser could not load: in the CDN build, a
 * `chunks/` file or `loopback.js` not uploaded next to the entry. `file` is the URL imported when
 * the build recorded it (scripts/chunk-urls.mjs), else the module's name as the loader knows it.
 */
export class ChunkLoadError extends Error {
  constructor(
    readonly file: string,
    override readonly cause: unknown,
  ) {
    // The browser's own words say more where the build did not record the URL (a bundler's build).
    super(`Could not load ${file}${cause instanceof Error && !cause.message.includes(file) ? `: ${cause.message}` : ''}`);
    this.name = 'ChunkLoadError';
  }
}

function chunkUrlOf(error: unknown): string | undefined {
  const url = (error as { chunkUrl?: unknown } | null)?.chunkUrl;
  return typeof url === 'string' ? url : undefined;
}

/**
 * Loads a TRTC v4-shaped namespace once; a failed import is tried again next time. An import that
 * fails rejects with a ChunkLoadError, whatever words the browser chose for it.
 */
export function loadBackend(name: BackendName): Promise<TrtcBackend> {
  if (!Object.hasOwn(IMPORTS, name)) return Promise.reject(new TypeError(`Unknown TRTC backend "${String(name)}"`));
  const backend =
    loaded.get(name) ??
    IMPORTS[name]().then(
      // Typed as TrtcBackend so the compiler checks each SDK's own typings against that shape.
      (module): TrtcBackend => module.default,
      (error: unknown) => {
        loaded.delete(name);
        const url = chunkUrlOf(error);
        throw new ChunkLoadError(url ?? `the ${name} backend's module`, url ? (error as Error).cause : error);
      },
    );
  loaded.set(name, backend);
  return backend;
}
