import { nodeResolve } from '@rollup/plugin-node-resolve';
import { readFile } from 'node:fs/promises';
import { esbuild } from './scripts/esbuild-plugin.mjs';

const entries = {
  index: 'src/index.ts',
  loopback: 'src/backends/loopback/index.ts',
  signaling: 'src/signaling/index.ts',
};

/** npm build: one file per module, dependencies left to the consumer's bundler. */
const npmBuild = {
  input: Object.values(entries),
  external: [/^lit($|\/)/, /^@lit\//, /^trtc-js-sdk($|\/)/, /^@tencentcloud\/chat($|\/)/],
  plugins: [nodeResolve({ extensions: ['.ts', '.js'] }), esbuild()],
  output: {
    dir: 'dist',
    format: 'esm',
    preserveModules: true,
    preserveModulesRoot: 'src',
    sourcemap: true,
  },
};

const LOOPBACK_COPY = '?loopback-copy';

/**
 * The CDN loopback backend bundles its own copy of the error codes (a table of numbers and one
 * small function). Shared, they would be a chunk of their own that the browser must fetch, as a
 * separate request, before the elements' entry can run; copied, the entry holds them itself and
 * needs no other file. Nothing compares the two tables' identity: codes are plain numbers.
 */
function loopbackOwnsErrorCodes() {
  return {
    name: 'loopback-owns-error-codes',
    async resolveId(source, importer, options) {
      if (!importer?.includes('/backends/loopback/') || !source.endsWith('/error-codes.js')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && { ...resolved, id: resolved.id + LOOPBACK_COPY };
    },
    load(id) {
      return id.endsWith(LOOPBACK_COPY) ? readFile(id.slice(0, -LOOPBACK_COPY.length), 'utf8') : null;
    },
  };
}

/**
 * CDN build: self-contained, lit bundled. The SDK is reached only through a dynamic import,
 * so it lands in its own chunk that the browser fetches when a room joins with it; so does the
 * Chat SDK, fetched on a `TencentChatSignaling`'s first connect.
 */
const cdnBuild = {
  input: Object.fromEntries(
    Object.entries(entries).map(([name, file]) => [name === 'index' ? 'trtc-live-elements' : name, file]),
  ),
  plugins: [loopbackOwnsErrorCodes(), nodeResolve({ extensions: ['.ts', '.js'], browser: true }), esbuild({ minify: true })],
  output: {
    dir: 'dist/cdn',
    format: 'esm',
    entryFileNames: '[name].js',
    // The Chat SDK's module file is called index.es.js: its chunk is named after the package instead.
    chunkFileNames: (chunk) =>
      chunk.facadeModuleId?.includes('/@tencentcloud/chat/') ? 'chunks/tencent-cloud-chat-[hash].js' : 'chunks/[name]-[hash].js',
    sourcemap: true,
  },
};

export default [npmBuild, cdnBuild];
