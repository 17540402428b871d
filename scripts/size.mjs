/**
 * Prints the gzip size of each shipped entry and fails when one is over its budget.
 * Run after `npm run build`.
 */
import { build } from 'esbuild';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { minifyLiterals } from './minify-literals.mjs';
import { gzipSync } from 'node:zlib';

const KB = 1024;

async function elementsWithLitExternal() {
  const result = await build({
    entryPoints: ['src/index.ts'],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    // The backends and the Chinese strings are loaded on demand, not paid for up front.
    external: ['lit', 'lit/*', '@lit/*', 'trtc-js-sdk/*', './loopback/index.js', './zh-cn.js'],
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    // The same literal minification as the CDN build.
    plugins: [
      {
        name: 'minify-literals',
        setup(build) {
          build.onLoad({ filter: /\.ts$/ }, async ({ path }) => ({
            contents: minifyLiterals(await readFile(path, 'utf8')),
            loader: 'ts',
          }));
        },
      },
    ],
  });
  return result.outputFiles[0].contents;
}

// `import{…}from"./chunks/x.js"` and `import"./x.js"`, not `import("./x.js")`, which loads on demand.
const STATIC_IMPORT = /\bimport\s*(?:[\w$*{},\s]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g;

/**
 * A CDN file and every chunk it imports statically (code rollup split off because the loopback
 * backend shares it): the browser fetches all of them before the entry runs. Each is its own
 * response, so each is gzipped on its own.
 */
async function withStaticImports(file, seen = new Set()) {
  if (seen.has(file)) return [];
  seen.add(file);
  const code = await readFile(file);
  const imported = [...code.toString('utf8').matchAll(STATIC_IMPORT)].map((match) => join(dirname(file), match[1]));
  return [code, ...(await Promise.all(imported.map((path) => withStaticImports(path, seen)))).flat()];
}

/** The CDN chunk rollup named after `name` (its file name carries a content hash). */
async function cdnChunk(name) {
  const file = (await readdir('dist/cdn/chunks')).find((candidate) => candidate.startsWith(`${name}-`) && candidate.endsWith('.js'));
  if (!file) throw new Error(`dist/cdn/chunks has no ${name} chunk: run \`npm run build\` first`);
  return join('dist/cdn/chunks', file);
}

const entries = [
  {
    name: 'CDN entry (lit + elements + controller + strings)',
    budget: 16 * KB,
    files: () => withStaticImports('dist/cdn/trtc-live-elements.js'),
  },
  { name: 'elements, lit external', budget: 9 * KB, files: async () => [await elementsWithLitExternal()] },
  { name: 'loopback backend (CDN, loaded on demand)', files: () => withStaticImports('dist/cdn/loopback.js') },
  { name: 'zh-CN strings (CDN, loaded on demand)', files: async () => withStaticImports(await cdnChunk('zh-cn')) },
];

let over = false;
for (const entry of entries) {
  const files = await entry.files();
  const gzipped = files.reduce((sum, bytes) => sum + gzipSync(bytes, { level: 9 }).length, 0);
  const budget = entry.budget ? ` / budget ${(entry.budget / KB).toFixed(1)} KB` : '';
  const verdict = entry.budget && gzipped > entry.budget ? '  OVER BUDGET' : '';
  if (verdict) over = true;
  const parts = files.length > 1 ? ` (${files.length} files)` : '';
  console.log(`${entry.name}: ${(gzipped / KB).toFixed(2)} KB gzip${parts}${budget}${verdict}`);
}
if (over) process.exit(1);
