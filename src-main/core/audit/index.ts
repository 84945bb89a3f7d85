export { createAudit, AuditInputError, AuditUnreachableError, type Audit, type AuditOptions } from './engine';
export { CHECKS, CHECK_IDS, checkById } from './catalog';
export { parsePolicy, PolicyError } from './policy';
export { studioLoginObserver } from './observers/studio-login';
export * from './types';
export { renderAuditHtml } from './report-html';
export { renderAuditJunit } from './report-junit';
export { renderAuditJson } from './report-json';
export { verdictLine } from './report-text';
