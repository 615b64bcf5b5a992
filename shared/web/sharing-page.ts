import type { Program } from '../domain/coaching.js';
import { agreeable, awaitsAgreement, sharedLevel, type ReportContent, type SharingLevel } from '../domain/reports.js';
import { SHARING_LEVELS, type Locale } from '../domain/tenant.js';
import type { FieldIssue } from '../errors.js';
import { reportWords } from '../email/templates/report-words.js';
import { hidden } from './forms.js';
import { html } from './html.js';
import type { ClientWords } from './client-words.js';
import { renderPage, type Brand, type Page } from './layout.js';
import { REPORT_CSS, reportBody } from './report-page.js';
import { sharingWords } from './sharing-words.js';

/**
 * The client's sharing page: what the coach proposes, what is shared now, the client's choice (levels up to the
 * proposal), and a preview of the next report at the level looked at, rendered by the very function that renders the
 * sponsor's web version (reportBody). No script: the levels' previews are links, the choice is one form.
 */
export interface SharingPageInput {
  token: string;
  program: Program;
  /** The sponsor the preview speaks to (their name; the content is theirs whoever it is). */
  sponsor?: { sponsorId: string; name: string };
  /** The level previewed and checked. */
  shown: SharingLevel;
  preview: { content: ReportContent; locale: Locale };
  readOnly: boolean;
  changeId: string;
  recorded?: string;
  problems?: readonly FieldIssue[];
}

const PREVIEW_CSS = '.preview{border:1px solid #c4cbc7;border-radius:4px;padding:4px 12px 12px;margin-top:8px}.levels{padding-left:1.2rem}';

export function sharingPage(w: ClientWords, brand: Brand, input: SharingPageInput): Page {
  const locale = input.program.client.locale;
  const s = sharingWords[locale];
  const levels = reportWords[locale].levels;
  const { program } = input;
  const consent = program.sharingConsent;
  const pending = awaitsAgreement(program);
  const since = consent ? new Intl.DateTimeFormat(locale === 'de' ? 'de-CH' : 'en-GB', { dateStyle: 'medium', timeZone: program.client.timeZone }).format(new Date(consent.at)) : '';
  const address = (level: SharingLevel) =>
    `/client/sharing?token=${encodeURIComponent(input.token)}&level=${level}${input.sponsor ? `&sponsor=${input.sponsor.sponsorId}` : ''}#preview`;
  const choosable = SHARING_LEVELS.filter((l) => agreeable(program, l));
  const problem = input.problems?.find((p) => p.field === 'level');
  const summary = input.problems?.length
    ? html`<div class="errors" role="alert"><p><strong>${w.client.errorSummary}</strong></p><ul>${input.problems.map(
        (p) => html`<li><a href="#level-${input.shown}">${s.problems[p.field] ?? w.fieldProblem}</a></li>`,
      )}</ul></div>`
    : '';
  const form = input.readOnly
    ? html`<p class="notice">${s.readOnly}</p>`
    : html`<h2>${s.chooseTitle}</h2><form method="post" action="/client/sharing" novalidate>${hidden('intent', 'agree')}${hidden('token', input.token)}${hidden('change', input.changeId)}${input.sponsor ? hidden('sponsor', input.sponsor.sponsorId) : ''}
<fieldset${problem ? html` aria-describedby="level-error"` : ''}><legend>${s.chooseLegend}</legend>${SHARING_LEVELS.map((l) =>
        agreeable(program, l)
          ? html`<label class="choice"><input type="radio" id="level-${l}" name="level" value="${l}"${l === input.shown ? html` checked` : ''}>${levels[l]}</label>`
          : html`<label class="choice"><input type="radio" id="level-${l}" name="level" value="${l}" disabled>${levels[l]} (${s.notProposed})</label>`,
      )}<p class="hint">${s.chooseHint}</p>${problem ? html`<p class="error" id="level-error">${s.problems.level}</p>` : ''}</fieldset>
<button type="submit">${s.agreeButton}</button></form>`;
  const content = html`${input.recorded ? html`<div class="notice" role="status"><p>${input.recorded}</p></div>` : ''}${summary}
<h1>${s.title}</h1><p>${s.intro}</p>
<p>${s.proposed(levels[program.sharingLevel])}</p><p>${consent ? s.sharedNow(levels[sharedLevel(program)], since) : s.notYet}</p>
${pending && !input.readOnly ? html`<p class="notice">${s.pending}</p>` : ''}
${form}
<h2 id="preview">${s.previewTitle}</h2><p class="hint">${s.previewHint(levels[input.shown], input.sponsor?.name)}</p>
${choosable.length > 1 ? html`<p>${s.previewAt}</p><ul class="levels">${choosable.map((l) => html`<li><a href="${address(l)}"${l === input.shown ? html` aria-current="page"` : ''}>${levels[l]}</a></li>`)}</ul>` : ''}
<div class="preview" lang="${input.preview.locale}">${reportBody(input.preview.locale, input.preview.content)}</div>
<p><a href="/client?token=${encodeURIComponent(input.token)}">${s.back}</a></p>`;
  return renderPage(w, brand, `${s.title} · ${program.title}`, content, REPORT_CSS + PREVIEW_CSS);
}
