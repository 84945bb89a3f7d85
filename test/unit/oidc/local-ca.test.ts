import fs from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../src-main/core/db/temp';
import { CA_CERT_FILE, CA_KEY_FILE, prepareLocalTls } from '../../../src-main/core/tls/local-ca';

describe('local CA for --https', () => {
  it('is made once in the data folder (key private to the user) and signs a fresh loopback certificate each start', async () => {
    const tmp = makeTempDir();
    try {
      const now = Date.now();
      const first = await prepareLocalTls(tmp.dir, ['127.0.0.1'], now);
      const second = await prepareLocalTls(tmp.dir, ['127.0.0.1'], now);
      expect(first.caPath).toBe(path.join(tmp.dir, CA_CERT_FILE));
      expect(second.caPem).toBe(first.caPem);
      expect(second.key).not.toBe(first.key);
      expect(fs.statSync(path.join(tmp.dir, CA_KEY_FILE)).mode & 0o777).toBe(0o600);
      const ca = new X509Certificate(first.caPem);
      const leaf = new X509Certificate(first.cert.split(/(?<=-----END CERTIFICATE-----)\s*/)[0]!);
      expect(ca.ca).toBe(true);
      expect(leaf.ca).toBe(false);
      expect(leaf.verify(ca.publicKey)).toBe(true);
      expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
      expect(leaf.checkIP('::1')).toBe('::1');
      expect(leaf.checkHost('localhost')).toBe('localhost');
      expect(new Date(leaf.validTo).getTime() - now).toBeLessThanOrEqual(398 * 86_400_000);
    } finally {
      tmp.remove();
    }
  });

  it('an in-memory studio gets a temporary folder, removed on cleanup; a broken stored CA is replaced', async () => {
    const temp = await prepareLocalTls(null, [], Date.now());
    expect(fs.existsSync(temp.caPath)).toBe(true);
    temp.cleanup();
    expect(fs.existsSync(path.dirname(temp.caPath))).toBe(false);
    const tmp = makeTempDir();
    try {
      fs.writeFileSync(path.join(tmp.dir, CA_CERT_FILE), 'not a certificate');
      fs.writeFileSync(path.join(tmp.dir, CA_KEY_FILE), 'not a key');
      const made = await prepareLocalTls(tmp.dir, [], Date.now());
      expect(new X509Certificate(made.caPem).ca).toBe(true);
      expect(fs.readFileSync(made.caPath, 'utf8')).toBe(made.caPem);
    } finally {
      tmp.remove();
    }
  });
});
