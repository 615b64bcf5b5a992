import * as z from 'zod/mini';
import type { Client, Program, Sponsor } from './coaching.js';
import { lazySchema } from './validation.js';

/**
 * The staff web app's forms of clients, sponsors and programs. A form posts strings; these functions turn them into
 * the JSON API's inputs (clientCreateSchema, programUpdateSchema, ...), which the domain then validates, so a rule and
 * its field names are the same on both front ends. The form schemas below describe what is posted (OpenAPI); they
 * are not where validation happens.
 */
export type FormValues = Readonly<Record<string, string>>;

const formText = () => z.optional(z.string());
const described = (fields: string[]) => Object.fromEntries(fields.map((f) => [f, formText()]));

const CLIENT_FIELDS = ['name', 'email', 'organisation', 'locale', 'timeZone', 'emailPreferences.reminders', 'emailPreferences.hour'];
const SPONSOR_FIELDS = ['name', 'email', 'organisation', 'role', 'locale', 'timeZone'];
const PROGRAM_FIELDS = ['title', 'goals', 'competencies', 'startDate', 'endDate', 'sessionsPlanned', 'sponsorIds', 'reportCadence', 'sharingLevel', 'assessmentEveryWeeks'];

export const clientCreateFormSchema = /* @__PURE__ */ lazySchema(() => z.object(described([...CLIENT_FIELDS, 'coachId'])));
export const clientEditFormSchema = /* @__PURE__ */ lazySchema(() => z.object(described([...CLIENT_FIELDS, 'intent', 'version'])));
export const clientCoachFormSchema = /* @__PURE__ */ lazySchema(() => z.object(described(['coachId', 'version'])));
export const sponsorCreateFormSchema = /* @__PURE__ */ lazySchema(() => z.object(described(SPONSOR_FIELDS)));
export const sponsorEditFormSchema = /* @__PURE__ */ lazySchema(() => z.object(described([...SPONSOR_FIELDS, 'intent', 'version'])));
/** `goals` and `competencies`: one per line; `sponsorIds`: repeated, one per ticked sponsor. */
export const programCreateFormSchema = /* @__PURE__ */ lazySchema(() => z.object(described(['clientId', ...PROGRAM_FIELDS])));
export const programEditFormSchema = /* @__PURE__ */ lazySchema(() => z.object(described([...PROGRAM_FIELDS, 'status', 'version'])));
export const clientsPageQuerySchema = /* @__PURE__ */ lazySchema(() => z.object(described(['coachId', 'status', 'cursor'])));
export const pagedQuerySchema = /* @__PURE__ */ lazySchema(() => z.object(described(['cursor'])));
export const programNewQuerySchema = /* @__PURE__ */ lazySchema(() => z.object(described(['clientId'])));

/** A field left empty is a field not given. */
const given = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v);
/** A whole number as typed, else the text itself, so the schema names the field as not a number. */
const numberOf = (v: string | undefined): number | string | undefined => {
  const value = given(v);
  return value !== undefined && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
};
/** One entry per non-empty line. */
export const linesOf = (v: string | undefined): string[] => (v ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const emailPreferencesOf = (form: FormValues) => {
  const prefs = defined({ reminders: given(form['emailPreferences.reminders']), hour: numberOf(form['emailPreferences.hour']) });
  return Object.keys(prefs).length ? prefs : undefined;
};

/** The input of clientCreateSchema a client form stands for. */
export const clientCreateOfForm = (form: FormValues): unknown =>
  defined({
    name: form.name ?? '',
    email: form.email ?? '',
    organisation: given(form.organisation),
    locale: given(form.locale),
    timeZone: given(form.timeZone),
    coachId: given(form.coachId),
    emailPreferences: emailPreferencesOf(form),
  });

/** The input of clientUpdateSchema: every field of the form (an emptied organisation is taken away). */
export const clientUpdateOfForm = (form: FormValues): unknown => ({
  ...defined({ name: form.name ?? '', email: form.email ?? '', locale: given(form.locale), timeZone: given(form.timeZone), emailPreferences: emailPreferencesOf(form) }),
  organisation: given(form.organisation) ?? null,
});

export const sponsorCreateOfForm = (form: FormValues): unknown =>
  defined({ name: form.name ?? '', email: form.email ?? '', organisation: given(form.organisation), role: form.role ?? '', locale: given(form.locale), timeZone: given(form.timeZone) });

export const sponsorUpdateOfForm = (form: FormValues): unknown => ({
  ...defined({ name: form.name ?? '', email: form.email ?? '', role: form.role ?? '', locale: given(form.locale), timeZone: given(form.timeZone) }),
  organisation: given(form.organisation) ?? null,
});

const programFieldsOf = (form: FormValues, sponsorIds: readonly string[]) =>
  defined({
    title: form.title ?? '',
    goals: linesOf(form.goals),
    competencies: linesOf(form.competencies),
    startDate: form.startDate ?? '',
    sessionsPlanned: numberOf(form.sessionsPlanned) ?? '',
    sponsorIds: [...sponsorIds],
    reportCadence: given(form.reportCadence),
    sharingLevel: given(form.sharingLevel),
    assessmentEveryWeeks: numberOf(form.assessmentEveryWeeks),
  });

export const programCreateOfForm = (form: FormValues, sponsorIds: readonly string[]): unknown =>
  defined({ clientId: form.clientId ?? '', ...programFieldsOf(form, sponsorIds), endDate: given(form.endDate) });

/** Every field of the edit form; an emptied end date is taken away. */
export const programUpdateOfForm = (form: FormValues, sponsorIds: readonly string[]): unknown =>
  defined({ ...programFieldsOf(form, sponsorIds), endDate: given(form.endDate) ?? null, nextSessionOn: given(form.nextSessionOn) ?? null, status: given(form.status) });

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Only what differs from the record as read: saving a form unchanged writes nothing, and a field left as it was
 * (the self-assessment weeks, the sharing proposal) does not start anything anew.
 */
export function changedFields<T extends object>(change: T, current: object): Partial<T> {
  const now = current as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(change).filter(([key, value]) => {
      if (key === 'emailPreferences' && value && typeof value === 'object') return Object.entries(value).some(([k, v]) => !same(v, (now.emailPreferences as Record<string, unknown> | undefined)?.[k]));
      return !same(value, now[key]);
    }),
  ) as Partial<T>;
}

/** The values a form shows for a record (an edit form's first view). */
export const clientFormValues = (c: Client): Record<string, string> => ({
  name: c.name,
  email: c.email,
  organisation: c.organisation ?? '',
  locale: c.locale,
  timeZone: c.timeZone,
  'emailPreferences.reminders': c.emailPreferences.reminders,
  'emailPreferences.hour': String(c.emailPreferences.hour),
  version: String(c.version),
});

export const sponsorFormValues = (s: Sponsor): Record<string, string> => ({
  name: s.name,
  email: s.email,
  organisation: s.organisation ?? '',
  role: s.role,
  locale: s.locale,
  timeZone: s.timeZone,
  version: String(s.version),
});

export const programFormValues = (p: Program, assessmentWeeks: number): Record<string, string> => ({
  title: p.title,
  goals: p.goals.join('\n'),
  competencies: p.competencies.join('\n'),
  startDate: p.startDate,
  endDate: p.endDate ?? '',
  nextSessionOn: p.nextSessionOn ?? '',
  sessionsPlanned: String(p.sessionsPlanned),
  reportCadence: p.reportCadence,
  sharingLevel: p.sharingLevel,
  assessmentEveryWeeks: String(p.assessmentEveryWeeks ?? assessmentWeeks),
  status: p.status,
  version: String(p.version),
});
