/**
 * Errors that carry their HTTP meaning. Domain code throws these; the HTTP middleware turns them into the one
 * JSON error shape. Anything else is a bug and becomes a logged 500 without internals.
 */
export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `ownerEmail` or `branding.accentColour`. */
  readonly field: string;
  readonly message: string;
}

export class WaymarkError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: readonly FieldIssue[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends WaymarkError {
  constructor(fields: readonly FieldIssue[], message = describeFields(fields)) {
    super(400, 'validation_failed', message, fields);
  }
}

export class UnauthorizedError extends WaymarkError {
  constructor(message = 'Sign in first: a valid access token is required') {
    super(401, 'unauthorized', message);
  }
}

export class ForbiddenError extends WaymarkError {
  constructor(
    message = 'Your role does not allow this',
    code = 'forbidden',
    /** Why, as a word a page can translate (the message is for the API). */
    readonly reason?: string,
  ) {
    super(403, code, message);
  }
}

export class NotFoundError extends WaymarkError {
  constructor(message = 'Not found') {
    super(404, 'not_found', message);
  }
}

export class ConflictError extends WaymarkError {
  constructor(
    message: string,
    fields?: readonly FieldIssue[],
    /** Why, as a word a page can translate (the message is for the API). */
    readonly reason?: string,
  ) {
    super(409, 'conflict', message, fields);
  }
}

/** A rate limit is reached; the reply carries `Retry-After: <retryAfterSeconds>`. */
export class TooManyRequestsError extends WaymarkError {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(429, 'rate_limited', message);
  }
}

function describeFields(fields: readonly FieldIssue[]): string {
  if (fields.length === 0) return 'The request is not valid';
  return `Invalid request: ${fields.map((f) => `${f.field || '(body)'}: ${f.message}`).join('; ')}`;
}
