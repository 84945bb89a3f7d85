import enBase from './locales/en.json';
import zhBase from './locales/zh-CN.json';
import enQa from './locales/en/qa.json';
import zhQa from './locales/zh-CN/qa.json';

/**
 * The two catalogues: the base files (the shell and the first screens) plus one file per newer screen in
 * `locales/<language>/<screen>.json`, each under its own top-level key, so screens added side by side never
 * edit the same file. Add a screen's pair here, under the same key in both.
 */
export const zhCN = {
  ...zhBase,
  ...zhQa,
};

export const en = {
  ...enBase,
  ...enQa,
};

export type Catalogue = typeof zhCN;
