import type zhCN from './locales/zh-CN.json';

// Keys are checked at compile time against the Chinese catalogue (the first language); the catalogue
// test checks that the English one has the same keys.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
