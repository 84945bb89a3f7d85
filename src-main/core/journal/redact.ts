import type { DecryptionStep, SignatureStep } from '../../contracts/api';

/** "a1b2••••••••9f0e": enough to recognise a secret, not enough to use it. */
export function maskSecret(secret: string): string {
  if (!secret) return '';
  if (secret.length <= 8) return '•'.repeat(8);
  const keep = secret.length >= 24 ? 4 : 2;
  return `${secret.slice(0, keep)}${'•'.repeat(8)}${secret.slice(-keep)}`;
}

/**
 * The journal is persisted and shown in the inspector, so the Token never goes into it: a signature step
 * keeps its structure (the sorted inputs, the joined text, the SHA-1) with the Token masked in place, and a
 * decryption step keeps everything but the AES key and IV, which are the EncodingAESKey in other clothes.
 * The workbench reproduces any step with the real values.
 */
export function redactSignatureStep(step: SignatureStep, token: string): SignatureStep {
  if (!token) return step;
  const masked = `«Token ${maskSecret(token)}»`;
  return { ...step, sorted: step.sorted.map((s) => (s === token ? masked : s)), joined: step.joined.split(token).join(masked) };
}

export function redactDecryptionStep(step: DecryptionStep): DecryptionStep {
  return { ...step, aesKeyHex: maskSecret(step.aesKeyHex), ivHex: maskSecret(step.ivHex) };
}
