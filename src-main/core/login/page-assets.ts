import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { PageAssets } from './page';

/** Where the login server serves the page's built files: `/login-assets/<path in the renderer build>`. */
export const PAGE_ASSETS_PREFIX = '/login-assets/';

/** The renderer build's entry that is the hosted page's script (electron.vite.config.ts). */
const ENTRY = 'login-page';

interface ManifestChunk {
  file: string;
  name?: string;
  isEntry?: boolean;
  css?: string[];
  /** Manifest keys of the chunks it imports (shared with the studio's bundle, e.g. the font's stylesheet). */
  imports?: string[];
}

export interface PageAssetFiles {
  assets: PageAssets;
  /** Files (relative to the build folder) the login server may serve: the script, its stylesheet, and fonts. */
  allowed(relative: string): boolean;
}

/**
 * Finds the hosted page's script and stylesheet in the renderer build through Vite's manifest (their names
 * carry a content hash). Null when the UI is not built; the page then says so instead of showing a QR code.
 */
export function readPageAssets(rendererDir: string | null): PageAssetFiles | null {
  if (!rendererDir) return null;
  let manifest: Record<string, ManifestChunk>;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(rendererDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  } catch {
    return null;
  }
  const entry = Object.values(manifest).find((c) => c.isEntry && c.name === ENTRY);
  if (!entry) return null;
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const visit = (chunk: ManifestChunk | undefined): void => {
    if (!chunk || scripts.has(chunk.file)) return;
    scripts.add(chunk.file);
    for (const css of chunk.css ?? []) styles.add(css);
    for (const key of chunk.imports ?? []) visit(manifest[key]);
  };
  visit(entry);
  const own = new Set([...scripts, ...styles]);
  return {
    assets: { script: PAGE_ASSETS_PREFIX + entry.file, styles: [...styles].map((f) => PAGE_ASSETS_PREFIX + f) },
    allowed: (relative) => own.has(relative) || /^assets\/[\w.-]+\.woff2$/.test(relative),
  };
}

/** The page's files, looked up once the build exists (a build made while the server runs is picked up). */
export function pageAssetsOf(rendererDir: string | null): () => PageAssetFiles | null {
  let found: PageAssetFiles | null = null;
  return () => (found ??= readPageAssets(rendererDir));
}

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.woff2': 'font/woff2' };

/**
 * GET /login-assets/*: the page's script, stylesheet and font subsets, offline, from the login server's own
 * origin (its CSP allows nothing else). Anything else of the build (the studio's own code) is not served here.
 */
export function registerPageAssets(app: FastifyInstance, rendererDir: string | null, files: () => PageAssetFiles | null): void {
  app.get(`${PAGE_ASSETS_PREFIX}*`, async (req, reply) => {
    const relative = decodeURIComponent(req.url.split('?')[0]!.slice(PAGE_ASSETS_PREFIX.length));
    const found = files();
    if (!rendererDir || !found || !found.allowed(relative)) {
      return reply.status(404).send({ error: { code: 'not_found', message: 'no such file' } });
    }
    const file = path.resolve(rendererDir, relative);
    if (!file.startsWith(path.resolve(rendererDir) + path.sep) || !fs.existsSync(file)) {
      return reply.status(404).send({ error: { code: 'not_found', message: 'no such file' } });
    }
    return reply
      .type(TYPES[path.extname(file)] ?? 'application/octet-stream')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(fs.createReadStream(file));
  });
}
