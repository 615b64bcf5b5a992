import * as z from 'zod/mini';
import { ULID_PATTERN } from '../ids.js';
import { actionIdSchema, calendarDate, OBSTACLE_CATEGORIES, programIdSchema } from './coaching.js';
import { lazySchema, multilineText, text } from './validation.js';

/**
 * The forms of the client's page (application/x-www-form-urlencoded, so every value is a string; an empty field
 * counts as not given). Each form names its `intent` and carries the link token and a change id the page made when
 * it rendered the form: a second submit of the same form is the same change, and is recorded once.
 */
const token = () => z.string().check(z.minLength(1), z.maxLength(200));
const changeId = () => z.string().check(z.regex(ULID_PATTERN, 'must be the change id of the form'));
const score = () => z.coerce.number().check(z.int(), z.gte(1), z.lte(5));
const MARKS = ['open', 'done', 'partly', 'not_done', 'dropped'] as const;
/** The program the page showed: with the change id, names the change a second submit would repeat. */
const program = () => z.optional(programIdSchema());

const plan = {
  title: text(1, 200),
  ifThenPlan: z.optional(text(1, 300)),
  dueDate: z.optional(calendarDate()),
  competency: z.optional(text(1, 80)),
};

export const clientFormSchema = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('intent', [
    z.strictObject({ intent: z.literal('add'), token: token(), change: changeId(), program: program(), ...plan }),
    z.strictObject({ intent: z.literal('edit'), token: token(), change: changeId(), program: program(), action: actionIdSchema(), ...plan }),
    z
      .strictObject({
        intent: z.literal('mark'),
        token: token(),
        change: changeId(),
        program: program(),
        action: actionIdSchema(),
        status: z.enum(MARKS),
        reflection: z.optional(multilineText(1, 1000)),
        challenge: z.optional(score()),
        skill: z.optional(score()),
        obstacleCategory: z.optional(z.enum(OBSTACLE_CATEGORIES)),
        obstacleText: z.optional(multilineText(1, 1000)),
      })
      .check(
        z.refine((v) => (v.challenge === undefined) === (v.skill === undefined), { message: 'rate both challenge and skill, or neither', path: ['skill'] }),
        z.refine((v) => v.obstacleText === undefined || v.obstacleCategory !== undefined, { message: 'pick what kind of obstacle it was', path: ['obstacleCategory'] }),
        z.refine((v) => v.obstacleCategory === undefined || v.obstacleText !== undefined, { message: 'say in a few words what got in the way', path: ['obstacleText'] }),
        z.refine((v) => v.obstacleText === undefined || v.status === 'not_done' || v.status === 'partly', { message: 'goes with "not done" or "partly"', path: ['obstacleText'] }),
      ),
    z.strictObject({ intent: z.literal('undo'), token: token(), change: changeId(), action: actionIdSchema(), program: programIdSchema(), undo: changeId() }),
    // How often reminder digests come, and at what local hour.
    z.strictObject({
      intent: z.literal('preferences'),
      token: token(),
      change: changeId(),
      program: program(),
      reminders: z.enum(['daily', 'weekly', 'off']),
      hour: z.coerce.number().check(z.int(), z.gte(0), z.lte(23)),
    }),
    // From the page of a link that no longer works: the form posts to the page's own address, whose query holds the
    // token, so the dead token is never written into a page.
    z.strictObject({ intent: z.literal('fresh-link') }),
  ]));
export type ClientForm = z.output<typeof clientFormSchema>;

/** A posted form as the schema reads it: empty fields left out (a form always sends every field). */
export const formFields = (form: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim() !== ''));

/**
 * The query of the client's page: the link token, and the action whose forms to show. Other parameters (a mail
 * client's tracking, say) are ignored: a link must keep working however it was forwarded through a mailbox.
 */
export const clientPageQuerySchema = /* @__PURE__ */ lazySchema(() => z.object({ token: token(), action: z.optional(actionIdSchema()) }));
