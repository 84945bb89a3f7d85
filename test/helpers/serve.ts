import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface Ready {
  event: 'ready';
  studio: string;
  wechat: string;
  auth: string;
  token: string;
  ui: string;
  /** The server's own process id. */
  pid: number;
  /** The sample website (its own loopback origin). */
  sample?: string;
  /** The local CA's certificate (PEM) when started with --https. */
  authCa?: string;
}

export interface ServeHandle extends Ready {
  child: ChildProcess;
  /** What the process wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** GET/POST the control API with the launch token. */
  api<T = unknown>(method: string, pathname: string, body?: unknown): Promise<{ status: number; body: T }>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Spawns the built headless host (`node out/main/serve.js`) on ports 0 and waits for the ready line
 * of the automation contract. Each call is its own process and (with --memory) its own state.
 */
export async function startServe(args: string[] = ['--memory'], timeoutMs = 15_000): Promise<ServeHandle> {
  const child = spawn(process.execPath, [path.join(ROOT, 'out/main/serve.js'), '--quiet', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print the ready line within ${timeoutMs} ms: ${err}`)), timeoutMs);
    const rl = readline.createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      try {
        const v = JSON.parse(line) as Ready;
        if (v.event === 'ready') {
          clearTimeout(timer);
          resolve(v);
        }
      } catch {
        // Not JSON: keep waiting for the ready line.
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before it was ready: ${err}`));
    });
  });
  return {
    ...ready,
    child,
    stderr: () => err,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
    async api<T>(method: string, pathname: string, body?: unknown) {
      const res = await fetch(ready.studio + pathname, {
        method,
        headers: { authorization: `Bearer ${ready.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Non-JSON answer: return the text.
      }
      return { status: res.status, body: parsed as T };
    },
  };
}
