import { ACTION_STATUSES, OBSTACLE_CATEGORIES, type Action, type Program } from '../domain/coaching.js';
import type { ActionForm } from '../domain/action-forms.js';
import type { Locale } from '../domain/tenant.js';
import type { FieldIssue } from '../errors.js';
import { errorSummary, renderAppPage, type AppFrame } from './app-layout.js';
import type { AppWords } from './app-words.js';
import { checkbox, input, postForm, select, textarea } from './app-forms.js';
import { actionWords } from './action-words.js';
import { hidden } from './forms.js';
import { html, type Html } from './html.js';
import type { Page } from './layout.js';
import { programWords } from './program-words.js';

/** The action forms of a program's pages: adding an action, changing one and logging an obstacle on its page. */

/** Problems in the page's words, by field (the action's own fields say what the record-session form says). */
export function actionProblems(w: AppWords, problems: readonly FieldIssue[] | undefined): FieldIssue[] | undefined {
  const p = programWords(w.lang as Locale);
  const a = actionWords(w.lang as Locale);
  return problems?.map((f) => ({ field: f.field, message: a.problems[f.field] ?? p.problems[f.field] ?? w.fieldProblem }));
}

const actionFields = (w: AppWords, program: Program, values: ActionForm, problems: readonly FieldIssue[] | undefined): Html => {
  const p = programWords(w.lang as Locale);
  const competencies = [{ value: '', label: p.noCompetency }, ...program.competencies.map((c) => ({ value: c, label: c }))];
  return html`${input({ name: 'title', label: p.actionTitle, value: values.title, required: true, problems })}
${input({ name: 'ifThenPlan', label: p.ifThenPlan, hint: p.ifThenHint, value: values.ifThenPlan, problems })}
${input({ name: 'dueDate', label: p.dueDate, type: 'date', value: values.dueDate, problems })}
${select({ name: 'competency', label: p.competency, options: competencies, value: values.competency, problems })}`;
};

export function newActionPage(w: AppWords, frame: AppFrame, input_: { program: Program; values: ActionForm; problems?: readonly FieldIssue[] }): Page {
  const p = programWords(w.lang as Locale);
  const a = actionWords(w.lang as Locale);
  const { program } = input_;
  const problems = actionProblems(w, input_.problems);
  const content = html`<h1>${a.addAction}</h1>${errorSummary(w, problems)}
<p>${p.programTitle(program.client.name, program.title)}</p><p>${a.addIntro(program.client.name)}</p>
${postForm(`/app/programs/${program.programId}/actions`, html`${input_.values.changeId ? hidden('changeId', input_.values.changeId) : ''}${actionFields(w, program, input_.values, problems)}`, a.add)}
<p><a href="/app/programs/${program.programId}">${p.backToProgram}</a></p>`;
  return renderAppPage(w, frame, a.addAction, content);
}

/** The form values of an action as it is now. */
export const formOfAction = (action: Action): ActionForm => ({
  title: action.title,
  ifThenPlan: action.ifThenPlan ?? '',
  dueDate: action.dueDate ?? '',
  competency: action.competency ?? '',
  status: action.status,
  ...(action.archived ? { archived: 'on' } : {}),
  version: String(action.version),
});

export interface ActionFormsInput {
  program: Program;
  action: Action;
  /** The edit form as posted (else the action as it is), and the obstacle form as posted. */
  values?: ActionForm;
  obstacle?: ActionForm;
  problems?: readonly FieldIssue[];
}

/** The action page's forms: its change (with the version it shows, for optimistic locking) and an obstacle to log. */
export function actionForms(w: AppWords, input_: ActionFormsInput): Html {
  const p = programWords(w.lang as Locale);
  const a = actionWords(w.lang as Locale);
  const { program, action } = input_;
  const values = input_.values ?? formOfAction(action);
  const obstacle = input_.obstacle ?? {};
  const problems = actionProblems(w, input_.problems);
  const base = `/app/programs/${program.programId}`;
  return html`${errorSummary(w, problems)}<h2>${a.changeTitle}</h2>
${postForm(
  `${base}/actions/${action.actionId}`,
  html`<input type="hidden" name="version" value="${values.version ?? ''}">${actionFields(w, program, values, problems)}
${select({ name: 'status', label: a.status, options: ACTION_STATUSES.map((s) => ({ value: s, label: p.actionStatus[s] ?? s })), value: values.status, problems })}
${checkbox({ name: 'archived', label: a.archive, checked: values.archived === 'on', problems })}`,
  a.change,
  { label: a.changeTitle },
)}
<h2>${a.logObstacle}</h2>
${postForm(
  `${base}/obstacles`,
  html`<input type="hidden" name="actionId" value="${action.actionId}">${textarea({ name: 'text', label: a.obstacleText, value: obstacle.text, rows: 3, required: true, problems })}
${select({ name: 'category', label: a.category, options: OBSTACLE_CATEGORIES.map((c) => ({ value: c, label: p.categories[c] ?? c })), value: obstacle.category, problems })}`,
  a.log,
  { label: a.logObstacle },
)}
<h2>${a.history}</h2>`;
}

/** The notice a redirect back to the action page asks for. */
export const actionNotice = (w: AppWords, done: string | undefined): string | undefined => (done ? actionWords(w.lang as Locale).notices[done] : undefined);

/** A change from a form that showed an older version of the action: nothing written, the way back to it. */
export function staleActionPage(w: AppWords, frame: AppFrame, programId: string, actionId: string): Page {
  const a = actionWords(w.lang as Locale);
  return renderAppPage(w, frame, a.staleTitle, html`<h1>${a.staleTitle}</h1><p>${a.stale}</p><p><a href="/app/programs/${programId}/actions/${actionId}">${a.openAgain}</a></p>`);
}
