import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, test, expect } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '../..');

function electronBinary(): string | null {
  const pathFile = path.join(ROOT, 'node_modules/electron/path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const bin = path.join(ROOT, 'node_modules/electron/dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(bin) ? bin : null;
}

test('the desktop window opens on the studio with the preload bridge', async () => {
  const bin = electronBinary();
  // Electron downloads its binary on first run; machines that cannot reach its download host have none.
  test.skip(!bin, 'Electron binary not installed here (it is fetched on first run); the desktop smoke test needs it');
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'follow-studio-electron-'));
  const app = await electron.launch({
    executablePath: bin!,
    args: [ROOT, `--user-data-dir=${userData}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  });
  try {
    const win = await app.firstWindow();
    await expect(win).toHaveTitle(/Follow Studio/);
    expect(await win.evaluate(() => typeof (window as unknown as { followStudio?: { isDesktop: boolean } }).followStudio?.isDesktop)).toBe('boolean');
    expect(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  } finally {
    await app.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
});
