/**
 * The CDN build's styles as the template minifier left them. It keeps the `;` after an
 * expression that is a whole value (`color: ${tokens.accent};`) but drops it after one that ends a
 * longer value (`outline: 3px solid ${tokens.focusRingColor};`), which merges that declaration
 * with the next one and the browser throws both away: focus rings and the device lists' grid were
 * lost that way. Write such a value with the expression first (`outline: ${color} solid 3px`) or
 * split it into longhands. Run after `npm run build` (.ci/run does).
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const CDN = fileURLToPath(new URL('../../dist/cdn/', import.meta.url));
/** An interpolation followed at once by the next property's name: the `;` between them is gone. */
const LOST_SEMICOLON = /\$\{[\w$.]+\}[a-z-]+:/g;

async function builtFiles() {
  const top = (await readdir(CDN)).filter((name) => name.endsWith('.js')).map((name) => join(CDN, name));
  const chunks = (await readdir(join(CDN, 'chunks'))).filter((name) => name.endsWith('.js')).map((name) => join(CDN, 'chunks', name));
  return [...top, ...chunks];
}

test('no declaration of the CDN build lost the semicolon after an expression', async () => {
  const found = [];
  for (const file of await builtFiles()) {
    const code = await readFile(file, 'utf8');
    for (const match of code.matchAll(LOST_SEMICOLON)) found.push(`${file.slice(CDN.length)}: …${code.slice(Math.max(0, match.index - 30), match.index + match[0].length)}`);
  }
  assert.deepEqual(found, []);
});
