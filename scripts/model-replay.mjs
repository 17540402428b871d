#!/usr/bin/env node
/**
 * The model-based test of the room (test/room/model.test.ts) runs random sequences; when one
 * fails it prints its seed and path. This replays exactly that sequence in Chromium:
 *
 *   node scripts/model-replay.mjs --seed -1234567 --path "12:3:0"
 *   node scripts/model-replay.mjs --runs 1000          # a longer random run
 *
 * The settings reach the test through the `model-settings` server command (the plugin below,
 * used by web-test-runner.config.mjs), from MODEL_SEED, MODEL_PATH and MODEL_RUNS.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Answers `model-settings` with the seed, path and number of runs asked for, if any. */
export function modelSettingsPlugin() {
  return {
    name: 'model-settings',
    executeCommand({ command }) {
      if (command !== 'model-settings') return undefined;
      const { MODEL_SEED, MODEL_PATH, MODEL_RUNS } = process.env;
      return {
        seed: MODEL_SEED === undefined ? null : Number(MODEL_SEED),
        path: MODEL_PATH ?? null,
        runs: MODEL_RUNS === undefined ? null : Number(MODEL_RUNS),
      };
    },
  };
}

function main() {
  const args = process.argv.slice(2);
  const env = { ...process.env };
  const names = { '--seed': 'MODEL_SEED', '--path': 'MODEL_PATH', '--runs': 'MODEL_RUNS' };
  for (let i = 0; i < args.length; i += 2) {
    const name = names[args[i]];
    if (!name || args[i + 1] === undefined) {
      console.error('usage: node scripts/model-replay.mjs [--seed N] [--path P] [--runs N]');
      process.exit(2);
    }
    env[name] = args[i + 1];
  }
  const test = fileURLToPath(new URL('./test.mjs', import.meta.url));
  const child = spawn(process.execPath, [test, '--browsers', 'chromium', '--files', 'test/room/model.test.ts'], { stdio: 'inherit', env });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
