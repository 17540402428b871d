/**
 * Prints the gzip size of each shipped entry and fails when one grows past its guard. The guards
 * catch a regression (a dependency pulled into the entry, a chunk no longer split off) and leave
 * room for the next elements; they are not targets to bend the code for.
 * Run after `npm run build`. `npm run size -- --modules` also prints what each source module adds
 * to the elements' gzip size: where cutting would pay.
 */
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { build } from 'esbuild';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const KB = 1024;

async function buildElements({ sourcemap = false } = {}) {
  const result = await build({
    entryPoints: ['src/index.ts'],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    // Nothing is written: the name only tells the source map's file apart from the code's.
    outfile: 'elements.js',
    sourcemap: sourcemap ? 'external' : false,
    // The backends, the signaling transports and the Chinese strings are loaded on demand, not paid for up front.
    external: ['lit', 'lit/*', '@lit/*', 'trtc-js-sdk/*', './trtc-v5/trtc-v5.js', './loopback/index.js', './zh-cn.js', '../signaling/loopback.js', '../signaling/tencent-chat.js'],
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    // The same template-literal minification as the CDN build (rollup.config.mjs).
    plugins: [
      {
        name: 'minify-html-literals',
        setup(build) {
          const literals = minifyHtmlLiterals({ failOnError: true });
          // What the rollup plugin needs of rollup's context: a way to fail.
          const context = {
            error(message) {
              throw new Error(message);
            },
          };
          build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
            const source = await readFile(path, 'utf8');
            const minified = await literals.transform.call(context, source, path);
            return { contents: minified?.code ?? source, loader: 'ts' };
          });
        },
      },
    ],
  });
  const file = (extension) => result.outputFiles.find((output) => output.path.endsWith(extension));
  return { code: file('.js').text, map: sourcemap ? JSON.parse(file('.map').text) : undefined };
}

async function elementsWithLitExternal() {
  return new TextEncoder().encode((await buildElements()).code);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The numbers of one source-map segment (base64 VLQ). */
function decodeSegment(segment) {
  const numbers = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      numbers.push(value & 1 ? -(value >> 1) : value >> 1);
      value = 0;
      shift = 0;
    }
  }
  return numbers;
}

/**
 * How many gzip bytes each source module adds to the elements' bundle: the bundle's gzip size
 * minus that of the bundle without the characters the source map traces to the module. Shares
 * overlap (gzip finds text repeated across modules), so they add up to less than the total.
 */
function moduleShares(code, map) {
  const lines = code.split('\n');
  let source = 0;
  const owners = map.mappings.split(';').map((line, index) => {
    const owner = new Array(lines[index]?.length ?? 0).fill(-1);
    const segments = line ? line.split(',').map(decodeSegment) : [];
    let column = 0;
    segments.forEach((segment, at) => {
      column += segment[0];
      if (segment.length > 1) source += segment[1];
      const end = at + 1 < segments.length ? column + segments[at + 1][0] : owner.length;
      owner.fill(segment.length > 1 ? source : -1, column, end);
    });
    return owner;
  });
  const total = gzipSync(code, { level: 9 }).length;
  return map.sources
    .map((name, index) => {
      const without = lines.map((line, row) => [...line].filter((_, column) => owners[row][column] !== index).join('')).join('\n');
      return { name: name.replace(/^(\.\.\/)+/, '').replace(/^.*?\/src\//, 'src/'), bytes: total - gzipSync(without, { level: 9 }).length };
    })
    .sort((a, b) => b.bytes - a.bytes);
}

// `import{…}from"./chunks/x.js"` and `import"./x.js"`, not `import("./x.js")`, which loads on demand.
const STATIC_IMPORT = /\bimport\s*(?:[\w$*{},\s]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g;

/**
 * A CDN file and every file it imports statically: the browser fetches all of them before the file
 * runs. Each is its own response, so each is gzipped on its own. Files in `seen` count as loaded
 * already.
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
    // A regression guard, not a budget: 22 KB held the first four elements; the second wave (the
    // request queue, both toggles, the device select, the network bars, preview and devices in the
    // controller) measured 30.6 KB, and the guard leaves that room to grow by a little.
    limit: 32 * KB,
    files: () => withStaticImports('dist/cdn/trtc-live-elements.js'),
  },
  { name: 'elements, lit external', files: async () => [await elementsWithLitExternal()] },
  { name: 'loopback backend (CDN, loaded on demand)', limit: 14 * KB, files: () => withStaticImports('dist/cdn/loopback.js') },
  { name: 'zh-CN strings (CDN, loaded on demand)', files: async () => withStaticImports(await cdnChunk('zh-cn')) },
  { name: 'signaling transports (CDN, loaded on demand; the Chat SDK apart)', files: () => withStaticImports('dist/cdn/signaling.js') },
];

let over = false;
for (const entry of entries) {
  const files = await entry.files();
  const gzipped = files.reduce((sum, bytes) => sum + gzipSync(bytes, { level: 9 }).length, 0);
  const limit = entry.limit ? ` / at most ${(entry.limit / KB).toFixed(0)} KB` : '';
  const verdict = entry.limit && gzipped > entry.limit ? '  TOO BIG' : '';
  if (verdict) over = true;
  const parts = files.length > 1 ? ` (${files.length} files)` : '';
  console.log(`${entry.name}: ${(gzipped / KB).toFixed(2)} KB gzip${parts}${limit}${verdict}`);
}
// What the SDK costs a room that joins on it: its chunk, fetched only by a room with that backend
// (the helpers it shares with the entry come from the entry, which the page has loaded already).
for (const [backend, chunk] of [['backend="trtc" (v4, trtc-js-sdk)', 'trtc.esm'], ['backend="trtc-v5" (v5, trtc-sdk-v5)', 'trtc-v5']]) {
  const files = await withStaticImports(await cdnChunk(chunk), new Set(['dist/cdn/trtc-live-elements.js']));
  const gzipped = files.reduce((sum, bytes) => sum + gzipSync(bytes, { level: 9 }).length, 0);
  console.log(`SDK chunk for ${backend} (CDN, loaded on join): ${(gzipped / KB).toFixed(2)} KB gzip`);
}
if (process.argv.includes('--modules')) {
  const { code, map } = await buildElements({ sourcemap: true });
  console.log('\nWhat each module adds to the elements (gzip bytes):');
  for (const { name, bytes } of moduleShares(code, map)) console.log(`${String(bytes).padStart(6)}  ${name}`);
}
if (over) process.exit(1);
