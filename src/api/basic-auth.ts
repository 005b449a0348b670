import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

function samePassword(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * One shared password (HTTP Basic, any user name) in front of every page and endpoint but the
 * health check: the API lists subscribers' addresses and bull-board can delete jobs. Browsers ask
 * for it themselves and resend it with the page's own fetch calls.
 */
export function requirePassword(app: FastifyInstance, password: string): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.url === '/healthz') return;
    const header = request.headers.authorization ?? '';
    const encoded = /^Basic\s+(\S+)$/i.exec(header)?.[1];
    const given = encoded ? Buffer.from(encoded, 'base64').toString('utf8').split(':').slice(1).join(':') : '';
    if (samePassword(given, password)) return;
    await reply
      .status(401)
      .header('www-authenticate', 'Basic realm="nianbao", charset="UTF-8"')
      .send({ error: { code: 'ERR_UNAUTHORIZED', message: '需要密码 / password required' } });
  });
}
