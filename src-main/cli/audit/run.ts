import { readFileSync, writeFileSync } from 'node:fs';
import {
  AuditInputError,
  AuditUnreachableError,
  CHECKS,
  createAudit,
  parsePolicy,
  PolicyError,
  studioLoginObserver,
  type LoginObserver,
  type PolicyLevel,
} from '../../core/audit';
import { renderAuditHtml } from '../../core/audit/report-html';
import { renderAuditJunit } from '../../core/audit/report-junit';
import { renderAuditJson } from '../../core/audit/report-json';
import { consoleReporter } from './console';
import { FlagError, parseAuditFlags, USAGE, type AuditFlags } from './flags';

/** `follow-studio audit`: flags → audit → console lines, report files → exit 0 / 1 / 2. */

function usageError(message: string): never {
  process.stderr.write(`follow-studio audit: ${message}\n`);
  process.exit(2);
}

function listChecks(): string {
  return `${CHECKS.map((c) => `${c.id.padEnd(8)} ${c.severity.padEnd(4)} ${c.title}`).join('\n')}\n`;
}

function readPolicy(path: string): Map<string, PolicyLevel> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return usageError(`--policy: cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    return parsePolicy(text, CHECKS.map((c) => c.id), path);
  } catch (e) {
    if (e instanceof PolicyError) return usageError(e.message);
    throw e;
  }
}

async function observerFor(flags: AuditFlags): Promise<LoginObserver | undefined> {
  if (!flags.studio || !flags.studioToken) return undefined;
  try {
    return await studioLoginObserver({ studio: flags.studio, token: flags.studioToken, target: flags.url! });
  } catch (e) {
    return usageError(`--studio: ${(e as Error).message}`);
  }
}

export async function runAudit(argv: readonly string[]): Promise<void> {
  let flags: AuditFlags;
  try {
    flags = parseAuditFlags(argv);
  } catch (e) {
    if (e instanceof FlagError) usageError(`${e.message} (see follow-studio audit --help)`);
    throw e;
  }
  if (flags.help) return void process.stdout.write(USAGE);
  if (flags.list) return void process.stdout.write(listChecks());
  const policy = flags.policy ? readPolicy(flags.policy) : undefined;
  const observer = await observerFor(flags);
  const reporter = consoleReporter(process.stdout);
  let audit;
  try {
    audit = createAudit(
      {
        url: flags.url!,
        token: flags.token!,
        mode: flags.mode!,
        ...(flags.aesKey ? { encodingAesKey: flags.aesKey } : {}),
        ...(flags.appId ? { appId: flags.appId } : {}),
        ...(flags.originalId ? { originalId: flags.originalId } : {}),
      },
      { ...(flags.only ? { only: flags.only } : {}), ...(policy ? { policy } : {}), ...(observer ? { observer } : {}), onProgress: reporter.onProgress },
    );
  } catch (e) {
    if (e instanceof AuditInputError) usageError(e.message);
    throw e;
  }
  try {
    const report = await audit.run();
    reporter.finish(report);
    const write = (path: string | undefined, text: string, what: string): void => {
      if (!path) return;
      writeFileSync(path, text);
      process.stdout.write(`${what} report: ${path}\n`);
    };
    write(flags.html, renderAuditHtml([report]), 'HTML');
    write(flags.json, renderAuditJson(report), 'JSON');
    write(flags.junit, renderAuditJunit([report]), 'JUnit');
    process.exitCode = report.verdict === 'FAIL' ? 1 : 0;
  } catch (e) {
    if (e instanceof AuditUnreachableError) usageError(e.message);
    throw e;
  } finally {
    await audit.close();
  }
}
