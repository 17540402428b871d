import { transform } from 'esbuild';
import { minifyLiterals } from './minify-literals.mjs';

const tsconfigRaw = {
  compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false, verbatimModuleSyntax: true },
};

/** Compiles TypeScript with esbuild inside rollup (and minifies chunks when asked). */
export function esbuild({ minify = false } = {}) {
  return {
    name: 'esbuild',
    async transform(code, id) {
      // A query (a second copy of a module, see rollup.config.mjs) is not part of the file name.
      const file = id.replace(/\?.*$/, '');
      if (!file.endsWith('.ts')) return null;
      const result = await transform(minify ? minifyLiterals(code) : code, { loader: 'ts', target: 'es2022', sourcemap: true, sourcefile: file, tsconfigRaw });
      return { code: result.code, map: result.map };
    },
    async renderChunk(code) {
      if (!minify) return null;
      const result = await transform(code, { minify: true, target: 'es2022', format: 'esm', sourcemap: true, legalComments: 'eof' });
      return { code: result.code, map: result.map };
    },
  };
}
