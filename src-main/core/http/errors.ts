import type { z } from 'zod';

/** An error a user (or a script) caused: it has a code, a human message and, where it applies, a field. */
export class StudioError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  toBody(): { error: { code: string; message: string; field?: string } } {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}

export const notFound = (what: string, id: string, field?: string): StudioError =>
  new StudioError(404, 'not_found', `${what} ${JSON.stringify(id)} does not exist`, field);

/** The first issue of a failed zod parse, as a 422 naming the field and the rule. */
export function fromZodError(error: z.ZodError, prefix?: string): StudioError {
  const issue = error.issues[0];
  const pathParts = issue ? issue.path.map(String) : [];
  const field = [prefix, ...pathParts].filter(Boolean).join('.') || undefined;
  let message = issue?.message ?? 'invalid input';
  if (issue?.code === 'invalid_type' && /received undefined/i.test(message)) {
    message = `${field ?? 'value'} is required`;
  } else if (field && !message.toLowerCase().includes(field.split('.').pop()!.toLowerCase())) {
    message = `${field}: ${message}`;
  }
  return new StudioError(422, 'invalid_field', message, field);
}
