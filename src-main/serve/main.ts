import { rendererDirOf } from './renderer-dir';
import { runServe } from './run';

// out/main/serve.js: the headless studio (`npm run serve`, `follow-studio serve`).
void runServe(process.argv.slice(2), rendererDirOf(import.meta.url));
