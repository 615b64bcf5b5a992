import * as z from 'zod/mini';

/**
 * The step between password and authenticator code, held by the browser in a short-lived HttpOnly cookie: the
 * address, Cognito's sign-in session (useless without a current code of that user's app), where to go afterwards
 * and until when the step holds. Nothing in it grants access by itself.
 */
export interface CodeStep {
  email: string;
  session: string;
  next: string;
  /** Epoch seconds. */
  until: number;
}

const codeStepSchema = z.strictObject({
  email: z.string().check(z.maxLength(254)),
  session: z.string().check(z.minLength(1), z.maxLength(3000)),
  next: z.string().check(z.maxLength(500)),
  until: z.int(),
});

export const encodeCodeStep = (step: CodeStep): string => Buffer.from(JSON.stringify(step)).toString('base64url');

/** The step a cookie holds, or undefined when there is none, it is not ours, or its time is up. */
export function decodeCodeStep(value: string | undefined, now: Date): CodeStep | undefined {
  if (!value || value.length > 4000) return undefined;
  try {
    const parsed = codeStepSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success && parsed.data.until > now.getTime() / 1000 ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
