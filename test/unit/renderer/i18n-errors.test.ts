import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../src-renderer/i18n';
import { describeError, translateRule, translateWarning } from '../../../src-renderer/i18n/errors';
import { detectLanguage, languageOfTag } from '../../../src-renderer/i18n/language';
import { CONNECTION_RULES } from '../../../src-main/contracts/login-rules';
import { PAGE_TEXT } from '../../../src-main/contracts/login-messages';
import { TOKEN_RULE } from '../../../src-main/contracts/rules';
import { pageLanguage } from '../../../src-main/core/login/page-i18n';

const zh = createI18n('zh-CN').i18n.t;
const en = createI18n('en').i18n.t;

describe('server errors in the studio', () => {
  it('a rule of the contract is shown in the studio language, also with the field prefix zod adds', () => {
    expect(describeError(zh, { code: 'invalid_field', message: TOKEN_RULE, field: 'token' })).toBe('令牌(Token)须为 3–32 位英文字母或数字');
    expect(describeError(zh, { code: 'invalid_field', message: `identifier: ${CONNECTION_RULES.identifier}`, field: 'identifier' })).toBe('唯一标识只能使用小写字母、数字和 -，且少于 32 个字符');
    expect(describeError(en, { code: 'invalid_field', message: TOKEN_RULE, field: 'token' })).toBe('Token must be 3–32 English letters or digits');
    expect(translateRule(zh, PAGE_TEXT.wrongPassword)).toBe('用户名或密码错误。');
  });

  it('a known code is translated with the field label; an unknown one keeps the server text', () => {
    expect(describeError(zh, { code: 'not_found', message: 'user pool "p_1" does not exist', field: 'poolId' })).toBe('用户池「p_1」不存在');
    expect(describeError(zh, { code: 'conflict', message: 'Unique ID "wechat-follow" is already used by another connection in this user pool', field: 'identifier' })).toBe('此用户池中已有身份源使用该唯一标识');
    expect(describeError(zh, { code: 'invalid_field', message: 'encodingAesKey is required', field: 'encodingAesKey' })).toBe('请填写消息加解密密钥(EncodingAESKey)');
    expect(describeError(en, { code: 'invalid_field', message: 'encodingAesKey is required', field: 'encodingAesKey' })).toBe('EncodingAESKey is required');
    expect(describeError(zh, { code: 'invalid_field', message: 'must be short', field: 'body.displayName' })).toBe('显示名称：must be short');
    expect(describeError(zh, { code: 'url_verification_failed', message: 'URL verification failed: timeout after 5000 ms', field: 'url' })).toBe('URL 验证失败：timeout after 5000 ms');
    expect(describeError(zh, { code: 'network', message: 'fetch failed' })).toBe('工作室服务没有响应，它还在运行吗？');
    expect(describeError(zh, { code: 'http_502', message: 'GET /x failed with HTTP 502' })).toBe('请求失败（HTTP 502）');
    expect(describeError(zh, { code: 'brand_new_code', message: 'Something the studio has no words for' })).toBe('Something the studio has no words for');
  });

  it('the platform warning about ports is translated, other warnings are kept', () => {
    expect(translateWarning(zh, 'port 8080: WeChat accepts only port 80 for http URLs; Follow Studio accepts it, a real account would not')).toBe(
      '端口 8080：微信的 http 地址只接受 80 端口；Follow Studio 可以接受，真实公众号不行',
    );
    expect(translateWarning(zh, 'something else')).toBe('something else');
  });
});

describe('choosing a language', () => {
  it('the studio: a kept choice wins; else the first preferred language, zh-* → zh-CN, else en', () => {
    expect(detectLanguage(['zh-TW', 'en'], null)).toBe('zh-CN');
    expect(detectLanguage(['zh'], null)).toBe('zh-CN');
    expect(detectLanguage(['en-GB', 'zh-CN'], null)).toBe('en');
    expect(detectLanguage(['fr-FR'], null)).toBe('en');
    expect(detectLanguage([], null)).toBe('en');
    expect(detectLanguage(['en-US'], 'zh-CN')).toBe('zh-CN');
    expect(detectLanguage(['zh-CN'], 'en')).toBe('en');
    expect(detectLanguage(['zh-CN'], 'klingon')).toBe('zh-CN');
    expect(languageOfTag('zh_Hans')).toBe('zh-CN');
    expect(languageOfTag('zu')).toBe('en');
  });

  it('the hosted page: ?lang= wins, else the Accept-Language entry with the highest q', () => {
    expect(pageLanguage(undefined, 'zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(pageLanguage(undefined, 'en;q=0.5, zh-TW;q=0.9')).toBe('zh-CN');
    expect(pageLanguage(undefined, 'en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(pageLanguage(undefined, 'zh;q=0, fr')).toBe('en');
    expect(pageLanguage(undefined, '*')).toBe('en');
    expect(pageLanguage(undefined, undefined)).toBe('en');
    expect(pageLanguage('en', 'zh-CN')).toBe('en');
    expect(pageLanguage('zh-CN', 'en-US')).toBe('zh-CN');
  });
});
