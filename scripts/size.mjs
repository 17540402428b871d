/**
 * Prints the gzip size of each shipped entry and fails when one is over its budget.
 * Run after `npm run build`.
 */
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
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
    // The backends are loaded on demand and are not part of what a page pays up front.
    external: ['lit', 'lit/*', '@lit/*', 'trtc-js-sdk/*', './loopback/index.js'],
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

const entries = [
  {
    name: 'CDN entry (lit + elements + controller + strings)',
    budget: 16 * KB,
    bytes: () => readFile('dist/cdn/trtc-live-elements.js'),
  },
  { name: 'elements, lit external', budget: 9 * KB, bytes: elementsWithLitExternal },
  { name: 'loopback backend (CDN, loaded on demand)', bytes: () => readFile('dist/cdn/loopback.js') },
];

let over = false;
for (const entry of entries) {
  const gzipped = gzipSync(await entry.bytes(), { level: 9 }).length;
  const budget = entry.budget ? ` / budget ${(entry.budget / KB).toFixed(1)} KB` : '';
  const verdict = entry.budget && gzipped > entry.budget ? '  OVER BUDGET' : '';
  if (verdict) over = true;
  console.log(`${entry.name}: ${(gzipped / KB).toFixed(2)} KB gzip${budget}${verdict}`);
}
if (over) process.exit(1);
