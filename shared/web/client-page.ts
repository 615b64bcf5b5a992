import { cadenceOf, openRound } from '../domain/assessments.js';
import type { Action, Obstacle, Program, Session } from '../domain/coaching.js';
import { OBSTACLE_CATEGORIES } from '../domain/coaching.js';
import { addDays, DUE_SOON_DAYS, localDate, type ProgramCollection } from '../domain/program.js';
import { awaitsAgreement } from '../domain/reports.js';
import type { FieldIssue } from '../errors.js';
import { inWords } from './forms.js';
import { html, type Html } from './html.js';
import type { ClientWords as Words } from './client-words.js';
import { renderPage, type Brand, type Page } from './layout.js';
import { sharingWords } from './sharing-words.js';

/**
 * The client's page behind their link: the latest session's shared summary, what is due, the actions by session
 * with a form each to mark them (with an obstacle, a reflection, a flow check), edit the client's own, and add new
 * ones. No script: each form posts the link token and a change id made for that form, so a second submit is the
 * same change. Coach notes are never part of what this page is given.
 */
export interface ClientPageInput {
  token: string;
  collection: ProgramCollection;
  readOnly: boolean;
  now: Date;
  /** A change id per form, made fresh for each page. */
  newChangeId: () => string;
  /** After a change: what was recorded, and the change that undo takes back. */
  recorded?: { message: string; undo?: { changeId: string; actionId: string; minutes: number } };
  /** A refused form: which form (an action id, or `add`) and what was wrong. */
  problems?: { form: string; fields: readonly FieldIssue[]; values: Record<string, string> };
  /** The action the client chose to change (`?action=`): its forms are the ones on the page, opened. */
  focus?: string;
}

type W = Words['client'];

const dateIn = (locale: string, timeZone: string, iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(iso));
const day = (locale: string, date: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

const hiddenFields = (token: string, changeId: string, intent: string, extra: Record<string, string> = {}) =>
  html`<input type="hidden" name="token" value="${token}"><input type="hidden" name="change" value="${changeId}"><input type="hidden" name="intent" value="${intent}">${Object.entries(extra).map(
    ([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`,
  )}`;

function problemOf(problems: ClientPageInput['problems'], form: string, field: string, w: Words): Html | '' {
  if (problems?.form !== form) return '';
  const issue = inWords(w, problems.fields)?.find((p) => p.field === field);
  return issue ? html`<p class="error" id="${field}-${form}-error">${issue.message}</p>` : '';
}

const invalid = (problems: ClientPageInput['problems'], form: string, field: string) =>
  problems?.form === form && problems.fields.some((p) => p.field === field) ? html` aria-invalid="true" aria-describedby="${field}-${form}-error"` : '';

/** A text input, select or textarea of one form, ids suffixed with the form's name so labels stay unique. */
function input(kind: 'text' | 'date' | 'textarea', name: string, form: string, label: string, opts: { value?: string; hint?: string; problems?: ClientPageInput['problems']; w: Words; required?: boolean }): Html {
  const id = `${name}-${form}`;
  const hint = opts.hint ? html`<p class="hint" id="${id}-hint">${opts.hint}</p>` : '';
  const described = opts.hint && !(opts.problems?.form === form && opts.problems.fields.some((p) => p.field === name)) ? html` aria-describedby="${id}-hint"` : '';
  const control =
    kind === 'textarea'
      ? html`<textarea id="${id}" name="${name}" rows="2"${invalid(opts.problems, form, name)}${described}>${opts.value ?? ''}</textarea>`
      : html`<input id="${id}" name="${name}" type="${kind}"${opts.value ? html` value="${opts.value}"` : ''}${opts.required ? html` required` : ''}${invalid(opts.problems, form, name)}${described}>`;
  return html`<label for="${id}">${label}</label>${control}${hint}${problemOf(opts.problems, form, name, opts.w)}`;
}

function select(name: string, form: string, label: string, options: readonly { value: string; label: string }[], opts: { value?: string; problems?: ClientPageInput['problems']; w: Words; none: string }): Html {
  const id = `${name}-${form}`;
  return html`<label for="${id}">${label}</label><select id="${id}" name="${name}"${invalid(opts.problems, form, name)}><option value="">${opts.none}</option>${options.map(
    (o) => html`<option value="${o.value}"${o.value === opts.value ? html` selected` : ''}>${o.label}</option>`,
  )}</select>${problemOf(opts.problems, form, name, opts.w)}`;
}

function planFields(w: Words, program: Program, form: string, values: Partial<Record<'title' | 'ifThenPlan' | 'dueDate' | 'competency', string>>, problems: ClientPageInput['problems']): Html {
  const c = w.client;
  return html`${input('text', 'title', form, c.titleLabel, { value: values.title, problems, w, required: true })}
${input('text', 'ifThenPlan', form, c.ifThenLabel, { value: values.ifThenPlan, hint: c.ifThenHint, problems, w })}
${input('date', 'dueDate', form, c.dueDateLabel, { value: values.dueDate, problems, w })}
${program.competencies.length ? select('competency', form, c.competencyLabel, program.competencies.map((v) => ({ value: v, label: v })), { value: values.competency, problems, w, none: c.noChoice }) : ''}`;
}

const STATUSES = ['done', 'partly', 'not_done', 'dropped', 'open'] as const;
/**
 * The page stays small however long the program runs: at most FORMS actions carry their forms (the open ones, soonest
 * due first, then the latest session's); every other action has a "change" link that opens the page with its own
 * forms. Sessions beyond SHOWN_SESSIONS show only what is still open.
 */
const FORMS = 8;
const SHOWN_SESSIONS = 6;
/** Actions listed on one page: with FORMS of them carrying forms, the page stays under 50 KB. */
const LISTED = 45;

function markForm(w: Words, input_: ClientPageInput, action: Action, open: boolean): Html {
  const c = w.client;
  const form = action.actionId;
  const p = input_.problems?.form === form ? input_.problems : undefined;
  const v = p?.values ?? {};
  const scores = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));
  return html`<details${open ? html` open` : ''}><summary>${c.update}<span class="hint"> · ${action.title}</span></summary>
<form method="post" action="/client" novalidate>${hiddenFields(input_.token, input_.newChangeId(), 'mark', { program: input_.collection.program.programId, action: action.actionId })}
<fieldset><legend>${c.howDidItGo}</legend>${STATUSES.map(
    (s) =>
      html`<label class="choice"><input type="radio" name="status" value="${s}"${(v.status ?? action.status) === s ? html` checked` : ''}>${c.status[s]}</label>`,
  )}${problemOf(p, form, 'status', w)}</fieldset>
<fieldset><legend>${c.obstacleLegend}</legend>
${select('obstacleCategory', form, c.obstacleCategory, OBSTACLE_CATEGORIES.map((k) => ({ value: k, label: c.categories[k]! })), { value: v.obstacleCategory, problems: p, w, none: c.noChoice })}
${input('textarea', 'obstacleText', form, c.obstacleText, { value: v.obstacleText, problems: p, w })}</fieldset>
${input('textarea', 'reflection', form, c.reflection, { value: v.reflection ?? action.reflection, problems: p, w })}
<fieldset><legend>${c.flowLegend}</legend><p class="hint">${c.flowHint}</p><div class="pair"><div>
${select('challenge', form, c.challenge, scores, { value: v.challenge ?? (action.flow ? String(action.flow.challenge) : undefined), problems: p, w, none: '–' })}</div><div>
${select('skill', form, c.skill, scores, { value: v.skill ?? (action.flow ? String(action.flow.skill) : undefined), problems: p, w, none: '–' })}</div></div></fieldset>
<button type="submit">${c.save}</button></form></details>`;
}

function editForm(w: Words, input_: ClientPageInput, action: Action): Html {
  const form = `edit-${action.actionId}`;
  const p = input_.problems?.form === form ? input_.problems : undefined;
  const values = p?.values ?? { title: action.title, ifThenPlan: action.ifThenPlan, dueDate: action.dueDate, competency: action.competency };
  return html`<details${p ? html` open` : ''}><summary>${w.client.edit}<span class="hint"> · ${action.title}</span></summary>
<form method="post" action="/client" novalidate>${hiddenFields(input_.token, input_.newChangeId(), 'edit', { program: input_.collection.program.programId, action: action.actionId })}
${planFields(w, input_.collection.program, form, values, p)}<button type="submit">${w.client.save}</button></form></details>`;
}

function actionItem(w: Words, input_: ClientPageInput, action: Action, obstacles: readonly Obstacle[], today: string, locale: string, withForms: boolean): Html {
  const c = w.client;
  const late = action.status === 'open' && action.dueDate !== undefined && action.dueDate < today;
  const blocked = obstacles.filter((o) => o.actionId === action.actionId && !o.archived);
  const editable = !input_.readOnly && withForms;
  const change = !input_.readOnly && !withForms
    ? html`<p><a href="/client?token=${encodeURIComponent(input_.token)}&amp;action=${action.actionId}#action-${action.actionId}">${c.change}<span class="hint"> · ${action.title}</span></a></p>`
    : '';
  return html`<li id="action-${action.actionId}"><p><strong>${action.title}</strong></p>
<p class="meta"><span class="badge">${c.status[action.status]}</span>${action.dueDate ? html` · <span${late ? html` class="late"` : ''}>${late ? c.overdue(day(locale, action.dueDate)) : c.due(day(locale, action.dueDate))}</span>` : ''}${action.competency ? html` · ${action.competency}` : ''}</p>
${action.ifThenPlan ? html`<p class="meta">${action.ifThenPlan}</p>` : ''}${action.reflection ? html`<p class="meta summary">${action.reflection}</p>` : ''}${blocked.map((o) => html`<p class="meta">⚑ ${c.categories[o.category]}: ${o.text}</p>`)}
${editable ? markForm(w, input_, action, input_.problems?.form === action.actionId || input_.focus === action.actionId) : change}${editable && action.createdBy.kind === 'client' ? editForm(w, input_, action) : ''}</li>`;
}

export function clientPage(w: Words, brand: Brand, input_: ClientPageInput): Page {
  const c: W = w.client;
  const { program } = input_.collection;
  const locale = program.client.locale === 'de' ? 'de-CH' : 'en-GB';
  const zone = program.client.timeZone;
  const today = localDate(input_.now, zone);
  const problems = input_.problems;
  const sessions = input_.collection.sessions.filter((s) => !s.archived);
  const actions = input_.collection.actions.filter((a) => !a.archived);
  const latest = sessions.at(-1);
  const soon = addDays(today, DUE_SOON_DAYS);
  const due = actions
    .filter((a) => a.status === 'open' && a.dueDate !== undefined && a.dueDate <= soon)
    .sort((a, b) => (a.dueDate! < b.dueDate! ? -1 : 1));
  const bySession = (s: Session | undefined) => actions.filter((a) => (s ? a.sessionId === s.sessionId : !a.sessionId || !sessions.some((x) => x.sessionId === a.sessionId)));
  // The page stays small however long the program runs: the latest sessions in full, older ones only with what is
  // still open; forms for what the client is likely to change (open actions, and the latest two sessions').
  const newestFirst = [...sessions].reverse();
  const shown = new Set(newestFirst.slice(0, SHOWN_SESSIONS).map((s) => s.sessionId));
  let hidden = 0;
  const groups = newestFirst.map((s) => ({
    heading: c.session(s.number, dateIn(locale, zone, s.heldAt)),
    items: bySession(s).filter((a) => shown.has(s.sessionId) || a.status === 'open' || a.actionId === input_.focus),
  }));
  const loose = bySession(undefined);
  if (loose.length) groups.push({ heading: c.ownActions, items: loose });
  // At most LISTED actions, newest sessions first (the focused one always): each further one stays reachable by its
  // own address, which every reminder links to.
  let room = LISTED;
  for (const g of groups) {
    const keep = g.items.filter((a) => a.actionId === input_.focus || room-- > 0);
    hidden += g.items.length - keep.length;
    g.items = keep;
  }
  const byDue = (a: Action, b: Action) => ((a.dueDate ?? '~') < (b.dueDate ?? '~') ? -1 : (a.dueDate ?? '~') > (b.dueDate ?? '~') ? 1 : 0);
  const withFormIds = new Set(
    input_.focus
      ? [input_.focus]
      : [...actions.filter((a) => a.status === 'open').sort(byDue), ...(latest ? actions.filter((a) => a.status !== 'open' && a.sessionId === latest.sessionId) : [])]
          .slice(0, FORMS)
          .map((a) => a.actionId),
  );
  // A refused form keeps its action's forms on the page that shows what was wrong.
  if (problems && problems.form !== 'add') withFormIds.add(problems.form.replace(/^edit-/, ''));
  const withForms = (a: Action) => withFormIds.has(a.actionId);

  const summary = problems
    ? html`<div class="errors" role="alert"><p><strong>${c.errorSummary}</strong></p><ul>${(inWords(w, problems.fields) ?? []).map(
        (p) => html`<li><a href="#${p.field || 'title'}-${problems.form}">${p.message}</a></li>`,
      )}</ul></div>`
    : '';
  const recorded = input_.recorded
    ? html`<div class="notice" role="status"><p>${input_.recorded.message}</p>${
        input_.recorded.undo
          ? html`<form method="post" action="/client">${hiddenFields(input_.token, input_.newChangeId(), 'undo', { action: input_.recorded.undo.actionId, program: program.programId, undo: input_.recorded.undo.changeId })}<p class="hint">${c.undoHint(input_.recorded.undo.minutes)}</p><button type="submit">${c.undoButton}</button></form>`
          : ''
      }</div>`
    : '';
  const addValues = problems?.form === 'add' ? problems.values : {};
  return renderPage(
    w,
    brand,
    program.title,
    html`${recorded}${summary}<h1>${program.title}</h1><p>${c.hello(program.client.name)} ${c.intro}</p>${sharingLink(input_.token, program)}
${input_.readOnly ? html`<p class="notice">${c.readOnly}</p>` : ''}${assessmentLink(w, input_, today)}
<h2>${c.latestSession}</h2>${latest ? html`<p class="meta">${c.session(latest.number, dateIn(locale, zone, latest.heldAt))}</p>${latest.sharedSummary ? html`<p class="summary">${latest.sharedSummary}</p>` : ''}` : html`<p>${c.noSession}</p>`}
<h2>${c.dueTitle}</h2>${due.length ? html`<ul>${due.map((a) => html`<li><a href="#action-${a.actionId}">${a.title}</a>: <span${a.dueDate! < today ? html` class="late"` : ''}>${a.dueDate! < today ? c.overdue(day(locale, a.dueDate!)) : c.due(day(locale, a.dueDate!))}</span></li>`)}</ul>` : html`<p>${c.nothingDue}</p>`}
<h2>${c.actionsTitle}</h2>${actions.length ? groups.filter((g) => g.items.length).map((g) => html`<h3>${g.heading}</h3><ul class="items">${g.items.map((a) => actionItem(w, input_, a, input_.collection.obstacles, today, locale, withForms(a)))}</ul>`) : html`<p>${c.noActions}</p>`}${hidden ? html`<p class="hint">${c.moreActions(hidden)}</p>` : ''}
${preferencesForm(w, input_)}
${input_.readOnly ? '' : html`<h2 id="add">${c.addTitle}</h2><form method="post" action="/client" novalidate>${hiddenFields(input_.token, input_.newChangeId(), 'add', { program: program.programId })}${planFields(w, program, 'add', addValues, problems?.form === 'add' ? problems : undefined)}<button type="submit">${c.addButton}</button></form>`}`,
  );
}

/** The way to the self-assessment: a notice while a round is open and unanswered, else a plain link. */
function assessmentLink(w: Words, input_: ClientPageInput, today: string): Html | '' {
  const { program } = input_.collection;
  if (!program.competencies.length) return '';
  const href = `/client/assessment?token=${encodeURIComponent(input_.token)}`;
  const assessments = input_.collection.assessments ?? [];
  const open = input_.readOnly ? undefined : openRound(cadenceOf(program), assessments, today);
  if (open && !assessments.some((a) => a.round === open.round && a.client)) {
    return html`<div class="notice"><p>${w.client.assessmentOpen}</p><p><a href="${href}">${w.client.assessmentOpenLink}</a></p></div>`;
  }
  return html`<p><a href="${href}">${w.client.assessmentLink}</a></p>`;
}

/**
 * The way to the sharing page: a notice while the coach proposes more than the client agreed to, else a plain link
 * when there is a sponsor to see anything. The link names the first sponsor, whose language the preview speaks.
 */
function sharingLink(token: string, program: Program): Html | '' {
  const s = sharingWords[program.client.locale];
  const href = `/client/sharing?token=${encodeURIComponent(token)}${program.sponsorIds[0] ? `&sponsor=${program.sponsorIds[0]}` : ''}`;
  if (awaitsAgreement(program)) return html`<p class="notice">${s.notice} <a href="${href}">${s.noticeLink}</a></p>`;
  return program.sponsorIds.length ? html`<p><a href="${href}">${s.link}</a></p>` : '';
}

/** How often reminder digests come, and when: the client's own choice, on their page. */
function preferencesForm(w: Words, input_: ClientPageInput): Html {
  const c = w.client;
  const current = input_.collection.program.client.emailPreferences ?? { reminders: 'daily', hour: 8 };
  const hours = Array.from({ length: 17 }, (_, i) => i + 6).map((h) => ({ value: String(h), label: `${String(h).padStart(2, '0')}:00` }));
  return html`<h2 id="reminders">${c.remindersTitle}</h2><p class="hint">${c.remindersIntro}</p>
<form method="post" action="/client" novalidate>${hiddenFields(input_.token, input_.newChangeId(), 'preferences', { program: input_.collection.program.programId })}
<fieldset><legend>${c.frequencyLegend}</legend>${(['daily', 'weekly', 'off'] as const).map(
    (f) => html`<label class="choice"><input type="radio" name="reminders" value="${f}"${current.reminders === f ? html` checked` : ''}>${c.frequency[f]}</label>`,
  )}</fieldset>
${select('hour', 'preferences', c.hourLabel, hours, { value: String(current.hour), problems: input_.problems, w, none: '–' })}
<button type="submit">${c.savePreferences}</button></form>`;
}

/** After "email me a fresh link": the same words whatever the link was. */
export const freshLinkSentPage = (w: Words, brand: Brand | undefined): Page =>
  renderPage(w, brand, w.client.freshSentTitle, html`<h1>${w.client.freshSentTitle}</h1><p>${w.client.freshSentBody}</p>`);
