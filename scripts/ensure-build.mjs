/**
 * Runs `npm run build` when `dist/` is missing or older than the sources, so `npm start` and
 * `npm test` work on a fresh clone (the demo and the plain-HTML test load the CDN build).
 */
import { spawnSync } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const OUTPUTS = ['dist/index.js', 'dist/cdn/trtc-live-elements.js', 'dist/cdn/loopback.js', 'dist/vue.d.ts'];
const INPUTS = ['src', 'package.json', 'rollup.config.mjs', 'custom-elements.json', 'scripts/esbuild-plugin.mjs', 'scripts/typings.mjs'];

async function newestChange(path) {
  const info = await stat(join(root, path));
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(join(root, path));
  const times = await Promise.all(entries.map((entry) => newestChange(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

async function oldestOutput() {
  try {
    const times = await Promise.all(OUTPUTS.map(async (path) => (await stat(join(root, path))).mtimeMs));
    return Math.min(...times);
  } catch {
    return -Infinity;
  }
}

export async function ensureBuild() {
  const [built, changed] = await Promise.all([oldestOutput(), Promise.all(INPUTS.map(newestChange))]);
  if (built >= Math.max(...changed)) return;
  console.log(built === -Infinity ? 'No build yet: running npm run build' : 'Sources changed since the last build: running npm run build');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await ensureBuild();
