// A worker thread's script when the engine runs from TypeScript sources (tests, benchmarks):
// `new Worker(this file, { execArgv: ['--import', 'tsx'] })`. Built hosts use their own entry instead.
import { isScenarioWorker, serveScenarioWorker } from './threads';

if (isScenarioWorker()) serveScenarioWorker();
