/**
 * A JUnit XML writer (the surefire dialect CI systems read): one <testsuite> per suite, one <testcase> per
 * case, <failure>, <skipped> and <system-out> where given. Shared by the audit and, later, the scenario runner.
 */

export interface JunitCase {
  name: string;
  classname: string;
  /** Seconds. */
  time: number;
  failure?: { message: string; type: string; text: string };
  skipped?: string;
  systemOut?: string;
}

export interface JunitSuite {
  name: string;
  timestamp?: string;
  cases: JunitCase[];
  properties?: Record<string, string>;
}

// XML 1.0 cannot carry most control characters even escaped; they are dropped.
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(text: string): string {
  return text.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const attrs = (pairs: Record<string, string | number | undefined>): string =>
  Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');

function testcase(c: JunitCase): string {
  const inner: string[] = [];
  if (c.failure) inner.push(`<failure${attrs({ message: c.failure.message, type: c.failure.type })}>${xmlEscape(c.failure.text)}</failure>`);
  if (c.skipped !== undefined) inner.push(`<skipped${attrs({ message: c.skipped })}/>`);
  if (c.systemOut) inner.push(`<system-out>${xmlEscape(c.systemOut)}</system-out>`);
  const open = `<testcase${attrs({ name: c.name, classname: c.classname, time: c.time.toFixed(3) })}`;
  return inner.length ? `    ${open}>\n      ${inner.join('\n      ')}\n    </testcase>` : `    ${open}/>`;
}

export function junitXml(suites: JunitSuite[]): string {
  const all = suites.flatMap((s) => s.cases);
  const count = (cases: JunitCase[]) => ({
    tests: cases.length,
    failures: cases.filter((c) => c.failure).length,
    errors: 0,
    skipped: cases.filter((c) => c.skipped !== undefined).length,
    time: cases.reduce((t, c) => t + c.time, 0).toFixed(3),
  });
  const body = suites.map((s) => {
    const props = s.properties ? `    <properties>\n${Object.entries(s.properties).map(([k, v]) => `      <property${attrs({ name: k, value: v })}/>`).join('\n')}\n    </properties>\n` : '';
    return `  <testsuite${attrs({ name: s.name, timestamp: s.timestamp, ...count(s.cases) })}>\n${props}${s.cases.map(testcase).join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: 'follow-studio', ...count(all) })}>\n${body.join('\n')}\n</testsuites>\n`;
}
