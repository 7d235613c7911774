// Extra servers the embed, sub-path and CSP tests need, on their own ports (their own origins).
import type { Server } from 'node:http';
import { startServer } from '../scripts/serve.mjs';

export interface Served {
  readonly url: string;
  readonly close: () => Promise<void>;
}

export async function serve(opts: {
  root: string;
  base?: string;
  csp?: string;
  port?: number;
}): Promise<Served> {
  const { server, url } = (await startServer({
    root: opts.root,
    port: opts.port ?? 0,
    base: opts.base ?? '/',
    csp: opts.csp,
    gzip: false,
    host: '127.0.0.1',
  })) as {
    server: Server;
    url: string;
  };
  return { url, close: () => new Promise((r) => server.close(() => r())) };
}

export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";
