/**
 * A credentials endpoint for the tests of `credentials-url`, served by the test server itself
 * (so reachable under both loopback names, localhost and 127.0.0.1, which are two origins).
 * `GET /__test/credentials?userId=…` answers `{ sdkAppId, userId, userSig }`; a request from
 * another origin gets CORS headers that let a page read the answer with its cookies included.
 */
export function credentialsEndpoint() {
  return async (ctx, next) => {
    if (ctx.path !== '/__test/credentials') return next();
    const origin = ctx.get('origin');
    if (origin) {
      ctx.set('access-control-allow-origin', origin);
      ctx.set('access-control-allow-credentials', 'true');
      ctx.set('vary', 'origin');
    }
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({
      sdkAppId: 1400000001,
      userId: ctx.query.userId || 'server_user',
      userSig: 'signature-from-the-test-server',
    });
  };
}
