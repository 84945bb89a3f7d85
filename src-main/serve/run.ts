import { createRuntime, ListenError } from '../core/runtime';
import { FlagError, parseServeFlags, USAGE } from './flags';
import { scenariosDirBeside } from './renderer-dir';

/**
 * The headless host: flags → runtime → one JSON ready line on stdout → runs until SIGINT/SIGTERM.
 * Everything else it says goes to stderr, so scripts can read stdout line by line. `rendererDir` is the
 * built studio UI, found by the entry point (out/main/*.js → out/renderer).
 */
export async function runServe(argv: string[], rendererDir: string): Promise<void> {
  let flags;
  try {
    flags = parseServeFlags(argv);
  } catch (err) {
    if (err instanceof FlagError) {
      process.stderr.write(`follow-studio: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  if (flags.help) {
    process.stdout.write(USAGE);
    return;
  }
  let runtime;
  try {
    runtime = await createRuntime({ ...flags, rendererDir, scenariosDir: scenariosDirBeside(rendererDir) });
  } catch (err) {
    if (err instanceof ListenError) {
      process.stderr.write(`follow-studio: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`follow-studio: could not start: ${(err as Error).message}\n`);
    process.exit(1);
  }
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    if (!flags.quiet) process.stderr.write(`follow-studio: ${signal}, stopping…\n`);
    const force = setTimeout(() => {
      process.stderr.write('follow-studio: shutdown took too long; exiting\n');
      process.exit(1);
    }, 8000);
    force.unref();
    runtime.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`follow-studio: error while stopping: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const { urls, token, uiUrl, authCa } = runtime;
  const sample = runtime.oidc.info().sample?.url;
  // pid: the server's own process, so a script that started it through npm (a wrapper) can stop the server.
  process.stdout.write(JSON.stringify({ event: 'ready', ...urls, token, ui: uiUrl, pid: process.pid, ...(sample ? { sample } : {}), ...(authCa ? { authCa } : {}) }) + '\n');
  if (!flags.quiet) process.stderr.write(`Follow Studio is running. Open ${urls.studio} with the launch token: ${urls.studio}/?token=…  (see the "ui" field of the ready line)\n`);
}

