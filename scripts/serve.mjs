/**
 * The demo's server: serves the repository on loopback (so /demo/, /dist/ and /node_modules/
 * resolve) and signs TRTC user signatures at /api/credentials, keeping the secret key here.
 */
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const USER_ID = /^[A-Za-z0-9_-]{1,32}$/;
const SIGNATURE_LIFETIME_SECONDS = 24 * 60 * 60;

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

function sendJson(response, status, body) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/**
 * Answers `{ sdkAppId, userId, userSig }`, or a JSON error saying what is missing. A UserSig is
 * TRTC's, not an SDK's: the one answer serves rooms on either SDK (`backend="trtc"` or `"trtc-v5"`).
 */
export function credentialsHandler(env = process.env) {
  return (url, response) => {
    const sdkAppId = Number(env.TRTC_SDK_APP_ID);
    const secretKey = env.TRTC_SECRET_KEY;
    if (!Number.isSafeInteger(sdkAppId) || sdkAppId <= 0 || !secretKey) {
      sendJson(response, 503, {
        error: 'credentials-unavailable',
        message: 'Set TRTC_SDK_APP_ID and TRTC_SECRET_KEY in the environment of the demo server to sign user signatures.',
      });
      return;
    }
    const userId = url.searchParams.get('userId') ?? '';
    if (!USER_ID.test(userId)) {
      sendJson(response, 400, { error: 'invalid-user-id', message: 'userId must be 1-32 letters, digits, "_" or "-".' });
      return;
    }
    const { Api } = require('tls-sig-api-v2');
    const userSig = new Api(sdkAppId, secretKey).genUserSig(userId, SIGNATURE_LIFETIME_SECONDS);
    sendJson(response, 200, { sdkAppId, userId, userSig });
  };
}

async function serveFile(pathname, response) {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  let file = join(root, relative);
  if (!file.startsWith(root) || relative.split(sep).includes('..')) {
    response.writeHead(403).end();
    return;
  }
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file);
    }
    response.writeHead(200, {
      'content-type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': 'no-cache',
    });
    createReadStream(file).pipe(response);
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  }
}

export function startServer({ port = 8080, host = '127.0.0.1', env = process.env } = {}) {
  const credentials = credentialsHandler(env);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${host}`);
    if (url.pathname === '/api/credentials') credentials(url, response);
    else if (url.pathname === '/') response.writeHead(302, { location: '/demo/' }).end();
    else void serveFile(url.pathname, response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  const server = await startServer({ port });
  const { port: actualPort } = server.address();
  console.log(`trtc-live-elements demo: http://127.0.0.1:${actualPort}/demo/`);
}
