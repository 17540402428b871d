import { nodeResolve } from '@rollup/plugin-node-resolve';
import { readFile } from 'node:fs/promises';
import { esbuild } from './scripts/esbuild-plugin.mjs';
import { sdpAsEsm } from './scripts/sdp-as-esm.mjs';

const entries = {
  index: 'src/index.ts',
  loopback: 'src/backends/loopback/index.ts',
};

/** npm build: one file per module, dependencies left to the consumer's bundler. */
const npmBuild = {
  input: Object.values(entries),
  external: [/^lit($|\/)/, /^@lit\//, /^trtc-(js-sdk|sdk-v5)($|\/)/],
  plugins: [nodeResolve({ extensions: ['.ts', '.js'] }), esbuild()],
  output: {
    dir: 'dist',
    format: 'esm',
    preserveModules: true,
    preserveModulesRoot: 'src',
    sourcemap: true,
  },
};

const COPY = /\?(loopback|trtc-v5)-copy$/;

/**
 * The CDN loopback and v5 backends each bundle their own copy of the modules they share with the
 * elements or each other (the error codes, a table of numbers and one small function; the event
 * emitter). Shared, they would be a chunk of their own that the browser must fetch, as a separate
 * request, before the elements' entry can run, or exports the entry grows by; copied, each file
 * holds what it needs. Nothing compares the copies' identity: codes are plain numbers.
 */
function backendsOwnTheirHelpers() {
  return {
    name: 'backends-own-their-helpers',
    async resolveId(source, importer, options) {
      const backend = /\/backends\/(loopback|trtc-v5)\//.exec(importer ?? '')?.[1];
      if (!backend || !/^\.\.\/(error-codes|emitter)\.js$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && { ...resolved, id: `${resolved.id}?${backend}-copy` };
    },
    load(id) {
      return COPY.test(id) ? readFile(id.replace(COPY, ''), 'utf8') : null;
    },
  };
}

/**
 * CDN build: self-contained, lit bundled. The SDK is reached only through a dynamic import,
 * so it lands in its own chunk that the browser fetches when a room joins with it.
 */
const cdnBuild = {
  input: Object.fromEntries(
    Object.entries(entries).map(([name, file]) => [name === 'index' ? 'trtc-live-elements' : name, file]),
  ),
  plugins: [backendsOwnTheirHelpers(), nodeResolve({ extensions: ['.ts', '.js'], browser: true }), sdpAsEsm(), esbuild({ minify: true })],
  output: {
    dir: 'dist/cdn',
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: true,
  },
};

export default [npmBuild, cdnBuild];
