import enBase from './locales/en.json';
import zhBase from './locales/zh-CN.json';
import enAudit from './locales/en/audit.json';
import zhAudit from './locales/zh-CN/audit.json';

/**
 * The two catalogues: the base files (the shell and the first screens) plus one file per newer screen in
 * `locales/<language>/<screen>.json`, each under its own top-level key, so screens added side by side never
 * edit the same file. Add a screen's pair here, under the same key in both.
 */
export const zhCN = {
  ...zhBase,
  ...zhAudit,
};

export const en = {
  ...enBase,
  ...enAudit,
};

export type Catalogue = typeof zhCN;
