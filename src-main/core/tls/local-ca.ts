import { generateKeyPair, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type Forge from 'node-forge';

type ForgeLib = typeof Forge;

/**
 * HTTPS for the auth server: a local certificate authority made once and kept in the data folder, and a
 * server certificate it signs at every start (its key never leaves memory). A client trusts the CA once
 * (NODE_EXTRA_CA_CERTS, or the browser's certificate manager) and every later run is trusted too.
 */

export const CA_CERT_FILE = 'auth-ca.pem';
export const CA_KEY_FILE = 'auth-ca-key.pem';
const CA_YEARS = 10;
/** A CA that expires within this is replaced rather than reused. */
const CA_RENEW_BEFORE_MS = 30 * 86_400_000;
/** Browsers refuse server certificates valid for more than 398 days, even from a local root in some versions. */
const LEAF_DAYS = 397;

export interface LocalTls {
  /** Path of the CA's certificate (PEM): what clients trust. */
  caPath: string;
  caPem: string;
  /** The server's key and certificate chain (leaf, then CA), PEM. */
  key: string;
  cert: string;
  /** Removes the folder when it was a temporary one (an in-memory studio). */
  cleanup(): void;
}

const generateRsa = promisify(generateKeyPair);

async function newRsaKey(forge: ForgeLib): Promise<Forge.pki.rsa.KeyPair> {
  const { privateKey } = await generateRsa('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const priv = forge.pki.privateKeyFromPem(privateKey);
  return { privateKey: priv, publicKey: forge.pki.setRsaPublicKey(priv.n, priv.e) };
}

/** A positive serial number of 16 random bytes (RFC 5280 §4.1.2.2). */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

async function createCa(forge: ForgeLib, now: number): Promise<{ certPem: string; keyPem: string }> {
  const keys = await newRsaKey(forge);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(now - 3_600_000);
  cert.validity.notAfter = new Date(now + CA_YEARS * 365 * 86_400_000);
  const name = [
    { name: 'commonName', value: `Follow Studio local CA (${os.hostname().slice(0, 32)}, ${new Date(now).toISOString().slice(0, 10)})` },
    { name: 'organizationName', value: 'Follow Studio' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(keys.privateKey) };
}

async function createLeaf(forge: ForgeLib, ca: { cert: Forge.pki.Certificate; key: Forge.pki.rsa.PrivateKey }, hosts: string[], now: number) {
  const keys = await newRsaKey(forge);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(now - 3_600_000);
  cert.validity.notAfter = new Date(now + LEAF_DAYS * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: 'localhost' }]);
  cert.setIssuer(ca.cert.subject.attributes);
  const altNames = [...new Set(['localhost', '127.0.0.1', '::1', ...hosts])].map((h) =>
    /^[\d.]+$/.test(h) || h.includes(':') ? { type: 7, ip: h.replace(/^\[|\]$/g, '') } : { type: 2, value: h },
  );
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(keys.privateKey) };
}

/** The stored CA when it is whole, matches its key and has time left; otherwise null. */
function readCa(forge: ForgeLib, dir: string, now: number): { certPem: string; keyPem: string } | null {
  try {
    const certPem = fs.readFileSync(path.join(dir, CA_CERT_FILE), 'utf8');
    const keyPem = fs.readFileSync(path.join(dir, CA_KEY_FILE), 'utf8');
    const cert = forge.pki.certificateFromPem(certPem);
    const key = forge.pki.privateKeyFromPem(keyPem);
    const pub = cert.publicKey as Forge.pki.rsa.PublicKey;
    if (pub.n.compareTo(key.n) !== 0) return null;
    if (cert.validity.notAfter.getTime() - now < CA_RENEW_BEFORE_MS) return null;
    return { certPem, keyPem };
  } catch {
    return null;
  }
}

/**
 * Loads the CA from `dir` (creating it the first time) and issues a server certificate for the loopback
 * names and `hosts`. `dir` null = a new temporary folder, removed by cleanup().
 */
export async function prepareLocalTls(dir: string | null, hosts: string[], now: number): Promise<LocalTls> {
  // Loaded only for --https, so a plain start does not pay for it.
  const forge = (await import('node-forge')).default;
  const temporary = dir === null;
  const folder = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'follow-studio-ca-'));
  fs.mkdirSync(folder, { recursive: true });
  let ca = temporary ? null : readCa(forge, folder, now);
  if (!ca) {
    ca = await createCa(forge, now);
    // The key first, private to the user; then the certificate that clients read.
    fs.writeFileSync(path.join(folder, CA_KEY_FILE), ca.keyPem, { mode: 0o600 });
    fs.writeFileSync(path.join(folder, CA_CERT_FILE), ca.certPem, { mode: 0o644 });
  }
  const leaf = await createLeaf(forge, { cert: forge.pki.certificateFromPem(ca.certPem), key: forge.pki.privateKeyFromPem(ca.keyPem) }, hosts, now);
  return {
    caPath: path.join(folder, CA_CERT_FILE),
    caPem: ca.certPem,
    key: leaf.keyPem,
    cert: leaf.certPem + ca.certPem,
    cleanup: () => {
      if (temporary) fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}
