import { parse as parseJUnit } from 'junit2json';
import { describe, expect, it } from 'vitest';
import { html, htmlPage, raw } from '../../../src-main/core/reports/html';
import { writeJUnit } from '../../../src-main/core/reports/junit';
import { escapeHtml, escapeXml } from '../../../src-main/core/reports/xml';

describe('report pieces', () => {
  it('escapes XML, replacing characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x">&'\u0001登录成功</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;\uFFFD登录成功&lt;/a&gt;');
    expect(escapeHtml(`<script>"'&`)).toBe('&lt;script&gt;&quot;&#39;&amp;');
  });

  it('writes JUnit whose counts match its testcases, readable by a JUnit parser with hostile text', async () => {
    const xml = writeJUnit('run', [
      {
        name: 'Suite <1>',
        file: 'a.yaml',
        cases: [
          { classname: 'a.yaml/Suite', name: 'ok [safe]', time: 0.1234 },
          { classname: 'a.yaml/Suite', name: 'bad & "quoted" [plaintext]', time: 1, failure: { message: 'expected <AUTHORIZED>', body: 'saw ERROR\u0007 ]]>' } },
          { classname: 'a.yaml/Suite', name: 'skipped', time: 0, skipped: 'bail' },
        ],
      },
    ]);
    expect(xml).toContain('<testsuites name="run" tests="3" failures="1" errors="0" skipped="1"');
    const parsed = (await parseJUnit(xml)) as { testsuite?: Array<{ testcase?: Array<{ name?: string; failure?: Array<{ message?: string; inner?: string }> }> }> };
    const cases = parsed.testsuite![0]!.testcase!;
    expect(cases.map((c) => c.name)).toEqual(['ok [safe]', 'bad & "quoted" [plaintext]', 'skipped']);
    expect(cases[1]!.failure![0]).toMatchObject({ message: 'expected <AUTHORIZED>', inner: 'saw ERROR\uFFFD ]]>' });
  });

  it('builds a page that loads nothing from outside and escapes what it is given', () => {
    const page = htmlPage({ title: 'T <x>', body: html`<p>${'<img src=x onerror=alert(1)>'}</p>${raw('<b>ok</b>')}`.html, script: 'var a = "</script>";' });
    expect(page).toContain("default-src 'none'");
    expect(page).toContain('<p>&lt;img src=x onerror=alert(1)&gt;</p><b>ok</b>');
    expect(page).toContain('<title>T &lt;x&gt;</title>');
    expect(page).toContain('var a = "<\\/script>";');
    expect(page).not.toMatch(/<link\b|src="https?:/);
  });
});
