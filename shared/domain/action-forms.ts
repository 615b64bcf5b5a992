import * as z from 'zod/mini';
import type { FieldIssue } from '../errors.js';
import { actionCreateSchema, actionUpdateSchema, obstacleCreateSchema, type Action, type ActionCreate, type ActionUpdate, type ObstacleCreate } from './coaching.js';
import { lazySchema, pageQuery, toFieldIssues } from './validation.js';

/**
 * The staff web app's action forms as posted (strings), and how each maps onto the JSON API's own schema: adding an
 * action (actionCreateSchema), changing one (actionUpdateSchema, with the version the form showed) and logging an
 * obstacle (obstacleCreateSchema). The rules stay in those schemas; the forms only reshape.
 */

// Posted text is bounded here only against abuse; the API's schema says what a field may hold.
const posted = () => z.optional(z.string().check(z.maxLength(20_000)));

export const ACTION_FORM_FIELDS = ['title', 'ifThenPlan', 'dueDate', 'competency'] as const;

/** `changeId`: made when the form was shown; the new action takes it as its id, so the same form sent twice adds one. */
export const addActionFormSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ title: posted(), ifThenPlan: posted(), dueDate: posted(), competency: posted(), changeId: posted() }));
export const changeActionFormSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ title: posted(), ifThenPlan: posted(), dueDate: posted(), competency: posted(), status: posted(), archived: posted(), version: posted() }));
export const logObstacleFormSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ actionId: posted(), text: posted(), category: posted() }));

export type ActionForm = Record<string, string | undefined>;

type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldIssue[] };

const blank = (v: string | undefined) => v === undefined || v.trim() === '';
const trimmed = (v: string | undefined) => (blank(v) ? undefined : v!.trim());

function parsed<S extends z.ZodMiniType>(schema: S, candidate: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(candidate);
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: toFieldIssues(result.error.issues) };
}

/** A new action from the form: empty optional fields are left out. */
export function actionCreateOfForm(form: ActionForm): Parsed<ActionCreate> {
  const optional = ACTION_FORM_FIELDS.slice(1).flatMap((f) => (trimmed(form[f]) === undefined ? [] : [[f, trimmed(form[f])]]));
  return parsed(actionCreateSchema, { title: form.title ?? '', ...Object.fromEntries(optional) });
}

/** An action's change from its edit form: every field as the form shows it (an emptied one is cleared). */
export function actionUpdateOfForm(form: ActionForm): Parsed<ActionUpdate> {
  const cleared = (f: 'ifThenPlan' | 'dueDate' | 'competency') => trimmed(form[f]) ?? null;
  return parsed(actionUpdateSchema, {
    title: form.title ?? '',
    ifThenPlan: cleared('ifThenPlan'),
    dueDate: cleared('dueDate'),
    competency: cleared('competency'),
    status: form.status ?? '',
    archived: form.archived === 'on',
  });
}

/** The version the edit form was filled in from; a form without one is as stale as an old one. */
export const versionOfForm = (form: ActionForm): number | undefined => (/^[1-9]\d{0,8}$/.test(form.version ?? '') ? Number(form.version) : undefined);

/** Whether the action is still as the form showed it. */
export const formIsCurrent = (form: ActionForm, action: Pick<Action, 'version'>): boolean => versionOfForm(form) === action.version;

export const obstacleOfForm = (form: ActionForm): Parsed<ObstacleCreate> => parsed(obstacleCreateSchema, { actionId: form.actionId ?? '', text: form.text ?? '', category: form.category ?? '' });

export const actionPageQuerySchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ cursor: pageQuery().cursor, done: z.optional(z.string().check(z.maxLength(40))) }));
