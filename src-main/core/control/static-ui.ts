import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/**
 * Serves the built renderer. Unknown paths fall back to index.html (the UI routes on the client);
 * nothing outside the folder can be read.
 */
export function serveRenderer(app: FastifyInstance, dir: string | null): void {
  const root = dir ? path.resolve(dir) : null;
  // Public: the page and its assets hold no data; everything with data is under the guarded /api routes.
  app.get('/*', { config: { public: true } }, async (req, reply) => {
    if (!root || !fs.existsSync(path.join(root, 'index.html'))) {
      return reply
        .type('text/html; charset=utf-8')
        .send('<!doctype html><title>Follow Studio</title><p>The studio UI is not built. Run <code>npm run build</code>, then start again.</p>');
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(req.url.split('?')[0]!);
    } catch {
      return reply.status(400).send({ error: { code: 'bad_request', message: 'the path is not valid percent-encoding' } });
    }
    let file = path.resolve(root, '.' + pathname);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      file = path.join(root, 'index.html');
    }
    const ext = path.extname(file);
    reply.type(TYPES[ext] ?? 'application/octet-stream');
    reply.header('cache-control', ext === '.html' ? 'no-cache' : 'public, max-age=3600');
    return reply.send(fs.createReadStream(file));
  });
}
