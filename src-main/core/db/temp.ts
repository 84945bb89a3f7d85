import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temporary folder for a test's data; remove() deletes it. */
export function makeTempDir(prefix = 'follow-studio-'): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
