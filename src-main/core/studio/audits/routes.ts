import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditAnswerSchema, auditComparisonSchema, auditListSchema, auditReportSchema, savedAuditSchema } from '../../../contracts/audit';
import { appIdSchema } from '../../../contracts/rules';
import type { RouteRegistry } from '../../http/routes';
import { startAuditBody } from './target';
import type { StudioAudits } from './service';

const auditId = z.object({ id: z.string().min(1).max(64) });

/** The control routes of "Audit this server": start, stop, re-run a check; list, read, compare, download. */
export function registerAuditRoutes(app: FastifyInstance, routes: RouteRegistry, audits: StudioAudits): void {
  routes.add(app, {
    method: 'POST',
    url: '/api/wechat/accounts/:appId/audits',
    tag: 'audit',
    summary: "Audit the account's server (its saved URL, Token, EncodingAESKey and mode); progress on the event stream, the report saved when done",
    params: z.object({ appId: appIdSchema }),
    body: startAuditBody,
    status: 202,
    response: { 202: auditAnswerSchema },
    handler: async ({ params, body }) => ({ audit: await audits.start(params.appId, body) }),
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/audits/:id/stop',
    tag: 'audit',
    summary: 'Stop a running audit (nothing is saved)',
    params: auditId,
    response: { 200: auditAnswerSchema },
    handler: async ({ params }) => ({ audit: await audits.stopRun(params.id) }),
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/audits/:id/checks/:checkId/rerun',
    tag: 'audit',
    summary: 'Run one check of a saved audit again with fresh pushes; the saved report is updated and the re-run remembered',
    params: z.object({ id: z.string().min(1).max(64), checkId: z.string().min(1).max(16) }),
    response: { 200: savedAuditSchema },
    handler: ({ params }) => audits.rerun(params.id, params.checkId.toUpperCase()),
  });
  registerReadRoutes(app, routes, audits);
}

/** Reading audits: an account's list, one with its evidence, a comparison, a report file. */
function registerReadRoutes(app: FastifyInstance, routes: RouteRegistry, audits: StudioAudits): void {
  routes.add(app, {
    method: 'GET',
    url: '/api/wechat/accounts/:appId/audits',
    tag: 'audit',
    summary: "The account's audits, newest first (running, then saved); no evidence",
    params: z.object({ appId: appIdSchema }),
    response: { 200: auditListSchema },
    handler: ({ params }) => ({ audits: audits.list(params.appId) }),
  });
  routes.add(app, {
    method: 'GET',
    url: '/api/audits/:id',
    tag: 'audit',
    summary: 'One audit: its report with the evidence (each exchange names its journal entry), the policy used, checks re-run since',
    params: auditId,
    response: { 200: savedAuditSchema },
    handler: ({ params }) => audits.get(params.id),
  });
  routes.add(app, {
    method: 'GET',
    url: '/api/audits/:id/compare',
    tag: 'audit',
    summary: "What changed since the account's previous audit (or ?with=<id>): the checks whose status changed",
    params: auditId,
    query: z.object({ with: z.string().min(1).max(64).optional() }).strict(),
    response: { 200: auditComparisonSchema },
    handler: ({ params, query }) => audits.compare(params.id, query.with),
  });
  routes.add(app, {
    method: 'GET',
    url: '/api/audits/:id/report.:format',
    tag: 'audit',
    summary: 'A saved report as a file: report.html (self-contained), report.json (the CI contract) or report.junit (one testcase per check)',
    params: z.object({ id: z.string().min(1).max(64), format: z.enum(['html', 'json', 'junit'], { error: 'format must be html, json or junit' }) }),
    // A file: the JSON report is the schema's shape; HTML and JUnit XML are text.
    response: { 200: z.union([auditReportSchema, z.string()]) },
    files: ['text/html', 'application/json', 'application/xml'],
    handler: ({ params }, _req, reply) => {
      const file = audits.download(params.id, params.format);
      return reply.type(file.type).header('content-disposition', `attachment; filename="${file.filename}"`).header('cache-control', 'no-store').send(file.body);
    },
  });
}
