import enBase from './locales/en.json';
import zhBase from './locales/zh-CN.json';
import enScenarios from './locales/en/scenarios.json';
import zhScenarios from './locales/zh-CN/scenarios.json';
import enQa from './locales/en/qa.json';
import zhQa from './locales/zh-CN/qa.json';
import enOidc from './locales/en/oidc.json';
import zhOidc from './locales/zh-CN/oidc.json';
import enComponent from './locales/en/component.json';
import enOpenPlatform from './locales/en/open-platform.json';
import enStagePc from './locales/en/stage-pc.json';
import enStory from './locales/en/story.json';
import zhComponent from './locales/zh-CN/component.json';
import zhOpenPlatform from './locales/zh-CN/open-platform.json';
import zhStagePc from './locales/zh-CN/stage-pc.json';
import zhStory from './locales/zh-CN/story.json';
import enAudit from './locales/en/audit.json';
import zhAudit from './locales/zh-CN/audit.json';
import { SAID_EN } from '../../src-main/contracts/said/catalogue';
import zhEnginePlatform from './locales/zh-CN/engine-platform.json';
import zhEngineLogin from './locales/zh-CN/engine-login.json';
import zhEngineAudit from './locales/zh-CN/engine-audit.json';
import zhEngineScenarios from './locales/zh-CN/engine-scenarios.json';

/**
 * The two catalogues: the base files (the shell and the first screens) plus one file per newer screen in
 * `locales/<language>/<screen>.json`, each under its own top-level key, so screens added side by side never
 * edit the same file. Add a screen's pair here, under the same key in both.
 */
export const zhCN = {
  ...zhBase,
  ...zhScenarios,
  ...zhQa,
  ...zhOidc,
  ...zhOpenPlatform,
  ...zhComponent,
  ...zhStagePc,
  ...zhStory,
  ...zhAudit,
  /** The engine's sentences (see `said.tsx`); the English ones live with the engine, in src-main/contracts/said/. */
  engine: { text: '{{text}}', ...zhEnginePlatform, ...zhEngineLogin, ...zhEngineAudit, ...zhEngineScenarios },
};

export const en = {
  ...enBase,
  ...enScenarios,
  ...enQa,
  ...enOidc,
  ...enOpenPlatform,
  ...enComponent,
  ...enStagePc,
  ...enStory,
  ...enAudit,
  engine: SAID_EN,
};

export type Catalogue = typeof zhCN;
