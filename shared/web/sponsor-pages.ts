import type { Sponsor } from '../domain/coaching.js';
import type { FieldIssue } from '../errors.js';
import { errorSummary, renderAppPage, type AppFrame } from './app-layout.js';
import type { AppWords } from './app-words.js';
import { input, postForm } from './app-forms.js';
import { hiddenField, notice, pager, personFields, statusWord, type Values } from './directory-parts.js';
import type { DirectoryWords } from './directory-words.js';
import { html, type Html } from './html.js';
import type { Page } from './layout.js';

/** The staff web app's sponsor pages: the firm's list, the new sponsor form, and a sponsor's own page. */
export const SPONSOR_CONTROLS = ['name', 'email', 'organisation', 'role', 'locale', 'timeZone'];

const sponsorFields = (d: DirectoryWords, values: Values, problems: readonly FieldIssue[]): Html =>
  html`${personFields(d, values, problems)}
${input({ name: 'role', label: d.labels.role, hint: d.hints.role, value: values.role, autocomplete: 'off', required: true, problems })}`;

export function sponsorListPage(w: AppWords, d: DirectoryWords, frame: AppFrame, input: { sponsors: readonly Sponsor[]; next?: string; paged: boolean }): Page {
  const rows = input.sponsors.map(
    (s) => html`<tr><td><a href="/app/sponsors/${s.sponsorId}">${s.name}</a></td><td>${s.role}</td><td>${s.organisation ?? ''}</td><td>${statusWord(d, s.status)}</td></tr>`,
  );
  return renderAppPage(
    w,
    frame,
    d.sponsorsTitle,
    html`<h1>${d.sponsorsTitle}</h1><p><a href="/app/sponsors/new">${d.newSponsor}</a></p>
${rows.length ? html`<div class="scroll"><table><thead><tr><th scope="col">${d.columns.name}</th><th scope="col">${d.columns.role}</th><th scope="col">${d.columns.organisation}</th><th scope="col">${d.columns.status}</th></tr></thead><tbody>${rows}</tbody></table></div>` : html`<p>${d.noSponsors}</p>`}
${pager(d, '/app/sponsors', {}, input.next, input.paged)}`,
  );
}

export function newSponsorPage(w: AppWords, d: DirectoryWords, frame: AppFrame, opts: { values: Values; problems?: readonly FieldIssue[] }): Page {
  const problems = opts.problems ?? [];
  return renderAppPage(
    w,
    frame,
    d.newSponsorTitle,
    html`<h1>${d.newSponsorTitle}</h1>${errorSummary(w, problems)}
${postForm('/app/sponsors', sponsorFields(d, opts.values, problems), d.addSponsor)}`,
  );
}

export function sponsorPage(w: AppWords, d: DirectoryWords, frame: AppFrame, input: { sponsor: Sponsor; values: Values; problems?: readonly FieldIssue[]; done?: string }): Page {
  const { sponsor } = input;
  const problems = input.problems ?? [];
  const path = `/app/sponsors/${sponsor.sponsorId}`;
  const archived = sponsor.status === 'archived';
  const version = hiddenField('version', input.values.version ?? String(sponsor.version));
  return renderAppPage(
    w,
    frame,
    sponsor.name,
    html`<h1>${sponsor.name}</h1>${notice(input.done ? d.done[input.done] : undefined)}${errorSummary(w, problems)}
<p>${d.columns.status}: ${statusWord(d, sponsor.status)}</p>${archived ? html`<p class="private">${d.archivedSponsorNote}</p>` : ''}
<h2>${d.detailsTitle}</h2>
${postForm(path, html`${hiddenField('intent', 'save')}${version}${sponsorFields(d, input.values, problems)}`, d.save)}
<h2>${archived ? d.reactivate : d.archive}</h2><p class="hint">${d.archiveSponsorHint}</p>
${postForm(path, html`${hiddenField('intent', archived ? 'reactivate' : 'archive')}${version}`, archived ? d.reactivate : d.archive, { secondary: true, label: archived ? d.reactivate : d.archive })}`,
  );
}
