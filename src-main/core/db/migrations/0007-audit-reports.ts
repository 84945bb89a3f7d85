import type { Migration } from '../migrate';

/**
 * Audits of an account's server, run from the studio, saved for later comparison: the report as the JSON
 * report (evidence included), the policy in force, the checks chosen, and the checks re-run since. The
 * verdict, counts and duration are kept beside it so that a list reads no report.
 */
export const m0007AuditReports: Migration = {
  version: 7,
  name: 'audit reports: saved audits of accounts’ servers',
  sql: `
      CREATE TABLE audit_reports (
        id TEXT PRIMARY KEY,
        app_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        url TEXT NOT NULL,
        mode TEXT NOT NULL,
        verdict TEXT NOT NULL,
        counts TEXT NOT NULL,
        duration_ms INTEGER NOT NULL,
        policy TEXT NOT NULL,
        only_checks TEXT NOT NULL,
        report TEXT NOT NULL,
        reruns TEXT NOT NULL
      );
      CREATE INDEX audit_reports_by_account ON audit_reports (app_id, created_at);
    `,
};
