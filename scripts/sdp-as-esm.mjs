/**
 * `sdp` (which webrtc-adapter imports, which trtc-sdk-v5 imports) names a CommonJS file as its ES
 * `module` entry, so neither rollup nor a browser can import its default export. esbuild rewrites
 * that one file as an ES module whose default export is what it assigns to `module.exports`.
 */
import { transform } from 'esbuild';

const SDP_MODULE = /\/node_modules\/sdp\/sdp\.js$/;

function asEsm(code, sourcefile) {
  return transform(code, { format: 'esm', loader: 'js', target: 'es2022', sourcemap: true, sourcefile });
}

/** For rollup (the CDN build). */
export function sdpAsEsm() {
  return {
    name: 'sdp-as-esm',
    async transform(code, id) {
      if (!SDP_MODULE.test(id)) return null;
      const { code: esm, map } = await asEsm(code, id);
      return { code: esm, map };
    },
  };
}

/** For web-test-runner and the dev server (they serve node_modules as they are). */
export function sdpAsEsmServer() {
  return {
    name: 'sdp-as-esm',
    async transform(context) {
      if (!SDP_MODULE.test(context.path)) return undefined;
      return { body: (await asEsm(String(context.body), context.path)).code };
    },
  };
}
