import enBase from './locales/en.json';
import zhBase from './locales/zh-CN.json';
import enScenarios from './locales/en/scenarios.json';
import zhScenarios from './locales/zh-CN/scenarios.json';

/**
 * The two catalogues: the base files (the shell and the first screens) plus one file per newer screen in
 * `locales/<language>/<screen>.json`, each under its own top-level key, so screens added side by side never
 * edit the same file. Add a screen's pair here, under the same key in both.
 */
export const zhCN = {
  ...zhBase,
  ...zhScenarios,
};

export const en = {
  ...enBase,
  ...enScenarios,
};

export type Catalogue = typeof zhCN;
