import type { Catalogue } from './catalogue';

// Keys are checked at compile time against the Chinese catalogue (the first language); the catalogue
// test checks that the English one has the same keys.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}
