import { z } from 'zod';
import { fileSchema } from './schema';

/**
 * The JSON Schema of the scenario file format, generated from the zod schema that validates files, so the
 * two cannot drift. Editors use it for completion and checks (`# yaml-language-server: $schema=…`).
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(fileSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any', cycles: 'ref' }) as Record<string, unknown>;
  return {
    ...generated,
    title: 'Follow Studio scenario file, version 1',
    description: 'QA scenarios for WeChat Official Account follow-login: `follow-studio test FILE`.',
  };
}
