#!/usr/bin/env node
// A small static server for the built site, for tests, benchmarks and previews:
//   --root dist        directory to serve
//   --port 4173        port (0 = any free port; the chosen one is printed)
//   --base /           sub-path the site is mounted under (e.g. /docs/ambient/)
//   --csp "<policy>"   send a Content-Security-Policy header with every HTML response
//   --gzip             compress responses that accept gzip (as a CDN or docs host would)
//   --host 127.0.0.1
// Prints "serving <url>" once listening, which Playwright's webServer waits for.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createGzip } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export function parseArgs(argv) {
  const opts = {
    root: 'dist',
    port: 4173,
    base: '/',
    csp: undefined,
    gzip: false,
    host: '127.0.0.1',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--gzip') {
      opts.gzip = true;
      continue;
    }
    if (v === undefined) throw new Error(`${a} needs a value`);
    i++;
    if (a === '--root') opts.root = v;
    else if (a === '--port') opts.port = Number(v);
    else if (a === '--base') opts.base = v.endsWith('/') ? v : `${v}/`;
    else if (a === '--csp') opts.csp = v;
    else if (a === '--host') opts.host = v;
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

export function startServer(opts) {
  const root = resolve(opts.root);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(opts.base)) {
      if (`${path}/` === opts.base) {
        res.writeHead(301, { Location: opts.base + url.search });
        res.end();
        return;
      }
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    path = path.slice(opts.base.length);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403);
      res.end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const headers = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
    if (opts.csp && type.startsWith('text/html')) headers['Content-Security-Policy'] = opts.csp;
    const gzip =
      opts.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && !/png|woff2/.test(type);
    if (gzip) {
      headers['Content-Encoding'] = 'gzip';
      headers.Vary = 'Accept-Encoding';
      res.writeHead(200, headers);
      createReadStream(file).pipe(createGzip()).pipe(res);
    } else {
      headers['Content-Length'] = statSync(file).size;
      res.writeHead(200, headers);
      createReadStream(file).pipe(res);
    }
  });
  return new Promise((resolveListen) => {
    server.listen(opts.port, opts.host, () => {
      const { port } = server.address();
      resolveListen({ server, url: `http://${opts.host}:${port}${opts.base}` });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const opts = parseArgs(process.argv.slice(2));
  const { url } = await startServer(opts);
  process.stdout.write(`serving ${url}\n`);
}
