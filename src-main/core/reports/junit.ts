import { escapeXml } from './xml';

/**
 * A JUnit XML writer in the shape CI systems read (Jenkins, GitLab, GitHub test reporters): testsuites →
 * testsuite → testcase, each failure with a one-line message and a body. Counts are computed from the
 * cases, so `tests` always equals the number of testcase elements.
 */

export interface JUnitCase {
  classname: string;
  name: string;
  /** Seconds. */
  time: number;
  file?: string;
  failure?: { message: string; type?: string; body: string };
  skipped?: string;
  systemOut?: string;
}

export interface JUnitSuite {
  name: string;
  file?: string;
  timestamp?: string;
  properties?: Record<string, string>;
  cases: JUnitCase[];
}

const secs = (n: number): string => (Math.round(n * 1000) / 1000).toFixed(3);
const attr = (name: string, value: string | number | undefined): string => (value === undefined ? '' : ` ${name}="${escapeXml(String(value))}"`);

function counts(cases: JUnitCase[]): { tests: number; failures: number; skipped: number; time: number } {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.failure).length,
    skipped: cases.filter((c) => !c.failure && c.skipped !== undefined).length,
    time: cases.reduce((n, c) => n + c.time, 0),
  };
}

function writeCase(c: JUnitCase): string {
  const open = `    <testcase${attr('classname', c.classname)}${attr('name', c.name)}${attr('time', secs(c.time))}${attr('file', c.file)}`;
  const inner: string[] = [];
  if (c.failure) inner.push(`      <failure${attr('message', c.failure.message)}${attr('type', c.failure.type ?? 'failure')}>${escapeXml(c.failure.body)}</failure>`);
  else if (c.skipped !== undefined) inner.push(`      <skipped${attr('message', c.skipped)}/>`);
  if (c.systemOut) inner.push(`      <system-out>${escapeXml(c.systemOut)}</system-out>`);
  return inner.length ? `${open}>\n${inner.join('\n')}\n    </testcase>` : `${open}/>`;
}

export function writeJUnit(name: string, suites: JUnitSuite[], wallSeconds?: number): string {
  const all = counts(suites.flatMap((s) => s.cases));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attr('name', name)}${attr('tests', all.tests)}${attr('failures', all.failures)}${attr('errors', 0)}${attr('skipped', all.skipped)}${attr('time', secs(wallSeconds ?? all.time))}>`,
  ];
  suites.forEach((s, i) => {
    const c = counts(s.cases);
    lines.push(
      `  <testsuite${attr('name', s.name)}${attr('id', i)}${attr('tests', c.tests)}${attr('failures', c.failures)}${attr('errors', 0)}${attr('skipped', c.skipped)}${attr('time', secs(c.time))}${attr('timestamp', s.timestamp)}${attr('file', s.file)}>`,
    );
    if (s.properties) {
      lines.push('    <properties>');
      for (const [k, v] of Object.entries(s.properties)) lines.push(`      <property${attr('name', k)}${attr('value', v)}/>`);
      lines.push('    </properties>');
    }
    for (const tc of s.cases) lines.push(writeCase(tc));
    lines.push('  </testsuite>');
  });
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
