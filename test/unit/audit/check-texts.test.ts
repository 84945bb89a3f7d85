import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../../src-main/core/audit/catalog';
import zh from '../../../src-renderer/i18n/locales/zh-CN/audit-checks.json';
import { checkWords } from '../../../src-renderer/features/audit/check-text';

/** The Chinese studio shows every check's title, why and fix (and each server stack's own fix) in Chinese. */

const CJK = /[\u3400-\u9fff]/;
const byId = zh as Record<string, { title: string; why: string; fix: string; sdk?: Record<string, string> }>;

describe('the checks in Chinese', () => {
  it('cover exactly the engine’s checks, by their stable IDs, with the same server stacks’ fixes', () => {
    expect(Object.keys(byId).sort()).toEqual(CHECKS.map((c) => c.id).sort());
    for (const c of CHECKS) {
      const t = byId[c.id]!;
      for (const text of [t.title, t.why, t.fix]) expect(text, c.id).toMatch(CJK);
      expect(Object.keys(t.sdk ?? {}).sort(), c.id).toEqual(Object.keys(c.sdkFix ?? {}).sort());
      for (const hint of Object.values(t.sdk ?? {})) expect(hint, c.id).toMatch(CJK);
    }
  });

  it('keep the protocol’s names and the user’s error text as the engine writes them', () => {
    for (const c of CHECKS) {
      const t = byId[c.id]!;
      for (const name of ['echostr', 'msg_signature', 'EncodingAESKey', 'success', '<Encrypt>', 'qrscene_', '该公众号暂时无法提供服务，请稍后再试']) {
        const inEnglish = `${c.title} ${c.why} ${c.fix}`.includes(name);
        if (inEnglish) expect(`${t.title} ${t.why} ${t.fix}`, `${c.id}: ${name}`).toContain(name);
      }
    }
  });

  it('English comes from the report; Chinese from the catalogue, with the recognised stack’s fix after the fix', () => {
    const rep02 = CHECKS.find((c) => c.id === 'REP-02')!;
    const check = { id: rep02.id, title: rep02.title, why: rep02.why, fix: `${rep02.fix}\n\nnode-webot: …` };
    expect(checkWords('en', check)).toEqual({ title: check.title, why: check.why, fix: check.fix });
    const sdk = { id: 'node-webot' as const, name: 'node-webot (wechat middleware)', basis: '' };
    const words = checkWords('zh-CN', check, sdk);
    expect(words.title).toBe(byId['REP-02']!.title);
    expect(words.fix).toBe(`${byId['REP-02']!.fix}\n\nnode-webot (wechat middleware)：${byId['REP-02']!.sdk!['node-webot']}`);
    expect(checkWords('zh-CN', { ...check, id: 'NEW-01' })).toEqual({ title: check.title, why: check.why, fix: check.fix });
  });
});
