import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  caseResultSchema,
  checkFileBody,
  playOnStageBody,
  reportFormats,
  scenarioCheckResultSchema,
  scenarioEntrySchema,
  scenarioLibrarySchema,
  scenarioRunListSchema,
  scenarioRunViewSchema,
  stagePaceSchema,
  startRunBody,
} from '../../contracts/scenarios';
import type { CoreContext } from '../context';
import type { RouteRegistry } from '../http/routes';
import type { StageHost } from '../scenarios/stage-world';
import type { ScenarioRuns } from '../scenarios/studio-runs';

const runParams = z.object({ id: z.string().min(1).max(80) });
const caseParams = runParams.extend({ index: z.coerce.number().int().min(0).max(100_000) });
const entryParams = runParams.extend({ entryId: z.string().min(1).max(80) });
const reportParams = runParams.extend({ format: z.enum(reportFormats, { error: `format must be one of ${reportFormats.join(', ')}` }) });

export interface ScenarioRoutes {
  /** Stops every run (the studio is stopping). */
  stop(): Promise<void>;
}

/**
 * The Scenarios page's control routes: the library, checking a file the user opened, runs of the library
 * and the user's files with live progress on /api/events (`scenario` events), a finished case's steps and
 * timeline, its journal entries, the reports, and a case played on the stage. The engine is loaded on first
 * use: it builds whole runtimes for its worlds, and the studio starts without it.
 */
export function registerScenarioRoutes(app: FastifyInstance, routes: RouteRegistry, ctx: CoreContext, stage: () => Omit<StageHost, 'cue'>): ScenarioRoutes {
  let loading: Promise<ScenarioRuns> | null = null;
  const runs = (): Promise<ScenarioRuns> =>
    (loading ??= import('../scenarios/studio-runs').then((m) =>
      m.createScenarioRuns({
        clock: ctx.clock,
        builtinDir: ctx.config.scenariosDir,
        publish: (runId, progress, version) => ctx.bus.publish({ type: 'scenario', runId, progress, version }),
        stage: stage(),
      }),
    ));
  const tag = 'scenarios';

  routes.add(app, { method: 'GET', url: '/api/scenarios/library', tag, summary: 'The built-in scenario library: its files and cases', response: { 200: scenarioLibrarySchema }, handler: async () => (await runs()).library() });
  routes.add(app, {
    method: 'POST',
    url: '/api/scenarios/check',
    tag,
    summary: 'Check a scenario file (YAML or JSON): its cases, or its problems with their lines; nothing runs',
    body: checkFileBody,
    response: { 200: scenarioCheckResultSchema },
    handler: async ({ body }) => (await runs()).check(body),
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/scenarios/runs',
    tag,
    summary: 'Run the built-in library and/or files, filtered by modes, tags, grep or cases; progress on /api/events (scenario events). A file with a problem runs nothing: 422 with its problems',
    body: startRunBody,
    status: 201,
    response: { 201: scenarioRunViewSchema },
    handler: async ({ body }) => (await runs()).start(body),
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/scenarios/stage',
    tag,
    summary: "Play one case on the stage: the demo is reset, then the case runs on the studio's own PC page and phone, on the wall clock, at the pace given (pauseMs between steps, or manual: one step per /next)",
    body: playOnStageBody,
    status: 201,
    response: { 201: scenarioRunViewSchema },
    handler: async ({ body }) => (await runs()).play(body),
  });
  registerRunRoutes(app, routes, runs);
  return {
    async stop() {
      if (loading) await (await loading).stop();
    },
  };
}

function registerRunRoutes(app: FastifyInstance, routes: RouteRegistry, runs: () => Promise<ScenarioRuns>): void {
  const tag = 'scenarios';
  routes.add(app, { method: 'GET', url: '/api/scenarios/runs', tag, summary: 'Recent runs, newest first (without their cases)', response: { 200: scenarioRunListSchema }, handler: async () => ({ runs: (await runs()).list() }) });
  routes.add(app, { method: 'GET', url: '/api/scenarios/runs/:id', tag, summary: 'A run: every case × mode with its status and steps', params: runParams, response: { 200: scenarioRunViewSchema }, handler: async ({ params }) => (await runs()).get(params.id) });
  routes.add(app, {
    method: 'GET',
    url: '/api/scenarios/runs/:id/cases/:index',
    tag,
    summary: "A finished case of a run (by its place in the run): its steps, checks and timeline (the journal entries of the case's own world)",
    params: caseParams,
    response: { 200: caseResultSchema },
    handler: async ({ params }) => (await runs()).caseResult(params.id, params.index),
  });
  routes.add(app, {
    method: 'GET',
    url: '/api/scenarios/runs/:id/entries/:entryId',
    tag,
    summary: "A journal entry of a case's own world",
    params: entryParams,
    response: { 200: scenarioEntrySchema },
    handler: async ({ params }) => (await runs()).entry(params.id, params.entryId),
  });
  routes.add(app, {
    method: 'GET',
    url: '/api/scenarios/runs/:id/report/:format',
    tag,
    summary: 'The report of a finished run, as a download: html (one self-contained file), junit (XML) or json',
    params: reportParams,
    // A file: the JSON report is a run's result; HTML and JUnit XML are text.
    response: { 200: z.string() },
    files: ['text/html', 'application/xml', 'application/json'],
    handler: async ({ params }, _req, reply) => {
      const r = (await runs()).report(params.id, params.format);
      return reply.header('content-type', r.type).header('content-disposition', `attachment; filename="${r.filename}"`).header('cache-control', 'no-store').send(r.body);
    },
  });
  routes.add(app, { method: 'POST', url: '/api/scenarios/runs/:id/cancel', tag, summary: 'Stop a run: no new case starts (on the stage, the next step fails "the run was stopped")', params: runParams, response: { 200: scenarioRunViewSchema }, handler: async ({ params }) => (await runs()).cancel(params.id) });
  routes.add(app, { method: 'POST', url: '/api/scenarios/runs/:id/next', tag, summary: 'On the stage: play the step that waits now', params: runParams, response: { 200: scenarioRunViewSchema }, handler: async ({ params }) => (await runs()).next(params.id) });
  routes.add(app, {
    method: 'PUT',
    url: '/api/scenarios/runs/:id/pace',
    tag,
    summary: 'On the stage: change the pause between steps, or switch to one step per /next (manual)',
    params: runParams,
    body: stagePaceSchema,
    response: { 200: scenarioRunViewSchema },
    handler: async ({ params, body }) => (await runs()).pace(params.id, body),
  });
}
