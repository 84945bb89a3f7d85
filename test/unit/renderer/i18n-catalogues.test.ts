import { describe, expect, it } from 'vitest';
import { en, zhCN } from '../../../src-renderer/i18n/catalogue';
import { PAGE_CATALOGUES } from '../../../src-main/core/login/page-i18n';

type Tree = { [key: string]: string | Tree };

/** Every leaf key with its text; plural forms (_one, _other) count as one key. */
function leaves(tree: Tree, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') {
      const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
      out.set(base, [...(out.get(base) ?? []), v]);
    } else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (texts: string[]): string[] => [...new Set(texts.flatMap((t) => t.match(/\{\{\w+\}\}|<\/?\w+>|\{\w+\}/g) ?? []))].sort();
const CJK = /[\u3400-\u9fff]/;
/** A text with words of its own (not only values and punctuation, like "{{label}} → {{outcome}}"). */
const hasWords = (t: string): boolean => /[A-Za-z\u3400-\u9fff]/.test(t.replace(/\{\{\w+\}\}/g, ''));

/** Entries that are the same in every language: protocol names, and the English studio's glosses (empty in Chinese). */
const SAME_IN_BOTH = /^(copy\.(appId|appSecret|ticket)|fields\.(appSecretShort|unionId|openId)|phone\.unionId|crypto\.(iv|appId|sha1)|app\.documentTitle|common\.ms|errors\.invalidField|wechat\.tickets\.ticket|inspector\.(kindFilter|kinds)\.oidc|qa\.form\.qrPlaceholder)$/;

describe('the studio catalogues', () => {
  const zh = leaves(zhCN as Tree);
  const eng = leaves(en as Tree);

  it('have the same keys', () => {
    expect([...zh.keys()].filter((k) => !eng.has(k))).toEqual([]);
    expect([...eng.keys()].filter((k) => !zh.has(k))).toEqual([]);
  });

  it('use the same placeholders and markup in both languages', () => {
    const differ = [...zh.keys()].filter((k) => JSON.stringify(placeholders(zh.get(k)!)) !== JSON.stringify(placeholders(eng.get(k) ?? [])));
    expect(differ).toEqual([]);
  });

  it('say every English entry in Chinese (only protocol names and glosses are exempt)', () => {
    const untranslated = [...zh.entries()].filter(([k, texts]) => !SAME_IN_BOTH.test(k) && !k.startsWith('phone.gloss.') && texts.some((t) => !CJK.test(t) && hasWords(t)));
    expect(untranslated.map(([k]) => k)).toEqual([]);
    // The Chinese studio shows WeChat's own labels without an English gloss; the English one glosses them.
    expect([...zh.entries()].filter(([k, t]) => k.startsWith('phone.gloss.') && t.some(Boolean))).toEqual([]);
    expect([...eng.entries()].filter(([k, t]) => k.startsWith('phone.gloss.') && t.some((x) => !x))).toEqual([]);
  });

  it('leave nothing empty in English and nothing Chinese-only where English is meant', () => {
    expect([...eng.entries()].filter(([, t]) => t.some((x) => x.trim() === '')).map(([k]) => k)).toEqual([]);
  });

  it('use the WeChat console terms', () => {
    const text = JSON.stringify(zhCN);
    for (const term of ['明文模式', '兼容模式', '安全模式', '服务器地址(URL)', '令牌(Token)', '消息加解密密钥(EncodingAESKey)', '带参数二维码', '场景值', '关注', '取消关注', '仅登录模式', '登录并注册', '账号身份关联', '字段匹配', '询问绑定', '公众号关注登录', '身份源', '用户池', '应用', '体验登录']) {
      expect(text, term).toContain(term);
    }
  });
});

describe('the hosted page catalogues', () => {
  it('have the same keys and placeholders', () => {
    const zh = leaves(PAGE_CATALOGUES['zh-CN'] as unknown as Tree);
    const eng = leaves(PAGE_CATALOGUES.en as unknown as Tree);
    expect([...zh.keys()].sort()).toEqual([...eng.keys()].sort());
    expect([...zh.keys()].filter((k) => JSON.stringify(placeholders(zh.get(k)!)) !== JSON.stringify(placeholders(eng.get(k)!)))).toEqual([]);
    expect([...zh.entries()].filter(([k, t]) => k !== 'page.otherLanguage' && !t.some((x) => CJK.test(x))).map(([k]) => k)).toEqual([]);
  });
});
