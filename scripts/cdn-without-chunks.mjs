/**
 * test/integrations/missing-chunk.test.ts: `/__test/cdn-without-chunks/…` is `dist/cdn/` as a
 * site that uploaded its top-level files but not `chunks/`: every chunk answers 404, the rest is
 * served from `dist/cdn/` under the same path, so the entry's relative imports stay in the copy.
 */
const PREFIX = '/__test/cdn-without-chunks/';

export function cdnWithoutChunks() {
  return async (ctx, next) => {
    if (!ctx.path.startsWith(PREFIX)) return next();
    const rest = ctx.path.slice(PREFIX.length);
    if (rest.startsWith('chunks/')) {
      ctx.status = 404;
      ctx.body = 'Not found';
      return undefined;
    }
    ctx.url = `/dist/cdn/${rest}${ctx.querystring ? `?${ctx.querystring}` : ''}`;
    return next();
  };
}
