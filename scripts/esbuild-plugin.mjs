import { transform } from 'esbuild';

const tsconfigRaw = {
  compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false, verbatimModuleSyntax: true },
};

/** Compiles TypeScript with esbuild inside rollup (and minifies chunks when asked). */
export function esbuild({ minify = false } = {}) {
  return {
    name: 'esbuild',
    async transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      const result = await transform(code, { loader: 'ts', target: 'es2022', sourcemap: true, sourcefile: id, tsconfigRaw });
      return { code: result.code, map: result.map };
    },
    async renderChunk(code) {
      if (!minify) return null;
      const result = await transform(code, { minify: true, target: 'es2022', format: 'esm', sourcemap: true, legalComments: 'eof' });
      return { code: result.code, map: result.map };
    },
  };
}
