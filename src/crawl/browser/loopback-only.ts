import { createRequire } from 'node:module';

/**
 * Crawlee's browser pool starts a proxy-chain server when it is imported, with no host given,
 * so it listens on every interface with no authentication: an open proxy on a worker machine.
 * It only ever serves the local browser, so it is bound to loopback before that import runs.
 */
const require = createRequire(import.meta.url);
const { Server } = require('proxy-chain') as { Server: { prototype: { listen(...args: unknown[]): unknown; host?: string } } };
const listen = Server.prototype.listen;
Server.prototype.listen = function listenOnLoopback(this: { host?: string }, ...args: unknown[]) {
  this.host ??= '127.0.0.1';
  return listen.apply(this, args);
};
