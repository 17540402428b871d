import { nodeResolve } from '@rollup/plugin-node-resolve';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { esbuild } from './scripts/esbuild-plugin.mjs';
import { sdpAsEsm } from './scripts/sdp-as-esm.mjs';
import { chunkUrls, loopbackEntryExternal } from './scripts/chunk-urls.mjs';

const entries = {
  index: 'src/index.ts',
  loopback: 'src/backends/loopback/index.ts',
  signaling: 'src/signaling/index.ts',
};

/** npm build: one file per module, dependencies left to the consumer's bundler. */
const npmBuild = {
  input: Object.values(entries),
  external: [/^lit($|\/)/, /^@lit\//, /^trtc-(js-sdk|sdk-v5)($|\/)/, /^@tencentcloud\/chat($|\/)/],
  plugins: [nodeResolve({ extensions: ['.ts', '.js'] }), esbuild()],
  output: {
    dir: 'dist',
    format: 'esm',
    preserveModules: true,
    preserveModulesRoot: 'src',
    sourcemap: true,
  },
};

/**
 * CDN build: self-contained, lit bundled. The SDK is reached only through a dynamic import,
 * so it lands in its own chunk that the browser fetches when a room joins with it; so does the
 * Chat SDK, fetched on a `TencentChatSignaling`'s first connect. Each top-level file is built on
 * its own, so none imports a chunk statically: a site that uploaded the entry without `chunks/`
 * still gets the elements, and a room that needs a missing chunk says which file it is.
 */
const cdnBuild = (name, file) => ({
  input: { [name]: file },
  // Another chunk may import from the entry itself (the SDK chunks share its helpers) rather than from a chunk split off for them.
  preserveEntrySignatures: 'allow-extension',
  plugins: [
    loopbackEntryExternal(),
    nodeResolve({ extensions: ['.ts', '.js'], browser: true }),
    sdpAsEsm(),
    minifyHtmlLiterals({ include: ['src/**/*.ts'], failOnError: true }),
    esbuild({ minify: true }),
    chunkUrls(),
  ],
  output: {
    dir: 'dist/cdn',
    format: 'esm',
    entryFileNames: '[name].js',
    // The Chat SDK's module file is called index.es.js: its chunk is named after the package instead.
    chunkFileNames: (chunk) =>
      chunk.facadeModuleId?.includes('/@tencentcloud/chat/') ? 'chunks/tencent-cloud-chat-[hash].js' : 'chunks/[name]-[hash].js',
    sourcemap: true,
  },
});

export default [npmBuild, ...Object.entries(entries).map(([name, file]) => cdnBuild(name === 'index' ? 'trtc-live-elements' : name, file))];
