/** Answers of the crypto workbench routes (POST /api/workbench/encrypt | decrypt | sign). */

export interface WorkbenchBreakdown {
  aesKeyHex: string;
  ivHex: string;
  randomHex: string;
  /** The random prefix as text when it is printable ASCII (the official samples use alphanumerics). */
  randomText: string | null;
  length: number;
  padding: number;
  message: string;
  appId: string;
  cipherBytes: number;
  fullBytes: number;
}

export interface WorkbenchEncryptResult extends WorkbenchBreakdown {
  encrypt: string;
}

export interface WorkbenchDecryptResult extends WorkbenchBreakdown {
  /** Present when an expected AppID was given. */
  expectedAppId?: string;
  appIdOk?: boolean;
}

export interface WorkbenchSignResult {
  kind: 'signature' | 'msg_signature';
  sorted: string[];
  joined: string;
  sha1: string;
}
