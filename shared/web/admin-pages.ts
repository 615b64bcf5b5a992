import { AUDIT_KINDS, OWNER_ONLY_FIELDS, settingsFieldsFor, type SettingsField } from '../domain/admin-forms.js';
import type { Invitation } from '../domain/staff.js';
import { LOCALES, REPORT_CADENCES, SHARING_LEVELS, WEEKDAYS, type Locale, type StaffUser, type Tenant } from '../domain/tenant.js';
import type { FieldIssue } from '../errors.js';
import type { AdminWords } from './admin-words.js';
import { errorSummary, renderAppPage, type AppFrame } from './app-layout.js';
import { checkbox, input, select } from './app-forms.js';
import type { AppWords } from './app-words.js';
import { html, type Html } from './html.js';
import { textOn, type Page } from './layout.js';

/**
 * The firm administration pages of the staff web app (settings with a branding preview, staff and invitations,
 * the audit trail) and every user's own settings page. Server-rendered, no script: the preview is a second submit
 * button, the audit filter a GET form. Lists are lists, not tables, so they read at 360 px without sideways scroll.
 */
const ADMIN_CSS = [
  '.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}',
  '.row{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:flex-end;margin:6px 0 0}',
  '.row form{display:flex;flex-wrap:wrap;gap:4px 8px;align-items:flex-end;margin:0}',
  '.row select{width:auto}',
  '.row button{margin-top:0}',
  '.buttons{display:flex;flex-wrap:wrap;gap:8px 16px}',
  '.pv{border:1px solid #c4cbc7;border-radius:4px;padding:0;margin:8px 0 16px;background:#f4f5f4}',
  '.pv-card{background:#fff;padding:12px 16px 16px}',
  '.pv-brand{font-size:.875rem;color:#58615d;margin:0 0 8px}',
  '.pv-btn{display:inline-block;padding:8px 16px;border-radius:4px;font-weight:600}',
  '.pv-head{background:#fff;padding:10px 16px}',
  '.pv-head p{margin:0;font-weight:600;color:#3a4440}',
  'dl{margin:0}dt{font-weight:600}dd{margin:0 0 8px}',
].join('');

/** The preview's colours: the submitted accent (already checked as #RRGGBB) and the text colour the rule picks on it. */
const previewCss = (accent: string) =>
  `.pv-card,.pv-head{border-top:4px solid ${accent}}.pv-btn{background:${accent};color:${textOn(accent)}}`;

/** A form's problems in the page's words, one message per field. */
export const problemsInWords = (a: AdminWords, problems: readonly FieldIssue[] | undefined): FieldIssue[] | undefined =>
  problems?.map((p) => ({ field: p.field, message: a.problems[p.field] ?? a.fieldProblem }));

/** A field's element id: its name with dashes for dots (a setting's path), so ids stay plain for CSS and tools. */
const idOf = (name: string) => name.replace(/\./g, '-');
/** The error summary, its links pointing at the fields' ids. */
const summary = (w: AppWords, problems: readonly FieldIssue[] | undefined) => errorSummary(w, problems?.map((p) => ({ ...p, field: idOf(p.field) })));

const notice = (text: string | undefined): Html | '' => (text ? html`<p class="notice" role="status">${text}</p>` : '');
const hours = (a: AdminWords) => Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: a.hourLabel(h) }));

export interface FirmSettingsView {
  /** What the form shows: the saved settings, or what was typed. */
  values: Record<string, string>;
  owner: boolean;
  version: number;
  tenant: Tenant;
  problems?: readonly FieldIssue[];
  notice?: string;
  /** The branding as submitted, shown without saving. */
  preview?: { displayName: string; accentColour: string; logoUrl?: string | null; fromName: string };
}

export function firmSettingsPage(w: AppWords, a: AdminWords, frame: AppFrame, view: FirmSettingsView): Page {
  const problems = view.problems;
  const fields = new Set<SettingsField>(settingsFieldsFor(view.owner));
  const v = view.values;
  const common = (name: SettingsField) => ({ name, id: idOf(name), label: a.fields[name]!, hint: a.hints[name], problems, value: v[name] });
  const text = (name: SettingsField, type: 'text' | 'email' | 'url' = 'text', autocomplete?: string) => input({ ...common(name), type, ...(autocomplete ? { autocomplete } : {}) });
  const number = (name: SettingsField, min: number, max: number) => input({ ...common(name), type: 'number', min, max });
  const choice = (name: SettingsField, options: { value: string; label: string }[]) => select({ ...common(name), options });
  const flag = (name: SettingsField) => checkbox({ name, id: idOf(name), label: a.fields[name]!, problems, checked: v[name] === 'on' });
  const group = (legend: string, content: Html) => html`<fieldset><legend>${legend}</legend>${content}</fieldset>`;
  const preview = view.preview;
  const content = html`<h1>${a.firmTitle}</h1>${notice(view.notice)}${summary(w, problems)}
${preview ? previewSection(a, preview) : ''}<p>${a.firmIntro}</p>
<form method="post" action="/app/firm" novalidate><input type="hidden" name="version" value="${String(view.version)}">
${group(a.groups.firm, html`${text('name', 'text', 'organization')}${choice('locale', LOCALES.map((l) => ({ value: l, label: a.languages[l] })))}${text('timeZone')}`)}
${group(a.groups.branding, html`${text('branding.displayName')}${text('branding.logoUrl', 'url')}${text('branding.accentColour')}`)}
${group(a.groups.sender, html`${text('sender.fromName')}${text('sender.replyTo', 'email', 'email')}`)}
${group(
  a.groups.reminders,
  html`${choice('reminderPolicy.digestHour', hours(a))}${text('reminderPolicy.quietHoursStart')}${text('reminderPolicy.quietHoursEnd')}${number('reminderPolicy.dueSoonDays', 0, 14)}${number('reminderPolicy.postSessionHours', 1, 168)}${flag('reminderPolicy.kinds.postSession')}${flag('reminderPolicy.kinds.dueSoon')}${flag('reminderPolicy.kinds.overdue')}${flag('reminderPolicy.kinds.assessment')}`,
)}
${group(
  a.groups.reports,
  html`${choice('reportDefaults.cadence', REPORT_CADENCES.map((c) => ({ value: c, label: a.cadences[c]! })))}${choice('reportDefaults.weekday', WEEKDAYS.map((d) => ({ value: d, label: a.weekdays[d]! })))}${choice('reportDefaults.hour', hours(a))}${choice('reportDefaults.sharingLevel', SHARING_LEVELS.map((l) => ({ value: l, label: a.sharingLevels[l]! })))}${flag('reportDefaults.coachCopy')}`,
)}
${group(a.groups.coachDigest, html`${choice('coachDigest.hour', hours(a))}${number('coachDigest.inactiveDays', 1, 90)}${number('coachDigest.overdueActions', 1, 50)}${number('coachDigest.sessionGapWeeks', 1, 26)}`)}
${OWNER_ONLY_FIELDS.every((f) => fields.has(f)) ? group(a.groups.security, html`${flag('security.requireMfa')}${number('security.idleMinutes', 5, 720)}`) : ''}
<div class="buttons"><button type="submit" name="intent" value="save">${a.saveButton}</button><button type="submit" name="intent" value="preview" class="secondary">${a.previewButton}</button></div></form>
<h2>${a.groups.plan}</h2><p>${a.planLimit(view.tenant.limits.activeClients)}</p>`;
  return renderAppPage(w, frame, a.firmTitle, content, ADMIN_CSS + (preview ? previewCss(preview.accentColour) : ''));
}

function previewSection(a: AdminWords, p: NonNullable<FirmSettingsView['preview']>): Html {
  return html`<section aria-labelledby="preview-title"><h2 id="preview-title">${a.previewTitle}</h2><p>${a.previewIntro}</p>
<h3>${a.previewEmail}</h3><div class="pv" id="preview-email"><div class="pv-card"><p class="pv-brand">${p.displayName}</p><p class="meta">${p.fromName}</p><p><span class="pv-btn">${a.previewSample}</span></p></div></div>
<h3>${a.previewClientPage}</h3><div class="pv" id="preview-page"><div class="pv-head"><p>${p.displayName}</p></div></div>
${p.logoUrl ? html`<p class="meta">${a.previewLogo(p.logoUrl)}</p>` : ''}</section>`;
}

export interface StaffPageView {
  staff: readonly StaffUser[];
  staffNext?: string;
  staffFirst: boolean;
  invitations: readonly (Invitation & { expired: boolean })[];
  invitationsNext?: string;
  me: { userId: string; role: StaffUser['role'] };
  notice?: string;
  /** A problem of the page as a whole (a change that could not be made). */
  alert?: string;
  invite?: { values: Record<string, string>; problems?: readonly FieldIssue[] };
  locale: Locale;
  timeZone: string;
}

export function staffPage(w: AppWords, a: AdminWords, frame: AppFrame, view: StaffPageView): Page {
  const owner = view.me.role === 'owner';
  const date = new Intl.DateTimeFormat(view.locale === 'de' ? 'de-CH' : 'en-GB', { dateStyle: 'medium', timeZone: view.timeZone });
  const problems = view.invite?.problems;
  const candidates = view.staff.filter((s) => s.status === 'active' && s.role !== 'owner' && s.userId !== view.me.userId);
  const staffItem = (s: StaffUser) => {
    const self = s.userId === view.me.userId;
    const changeable = !self && s.role !== 'owner';
    const roleForm = changeable && s.status === 'active'
      ? html`<form method="post" action="/app/firm/staff/${s.userId}"><label class="vh" for="role-${s.userId}">${a.newRole(s.name)}</label><select id="role-${s.userId}" name="role">${(['admin', 'coach'] as const).map(
          (r) => html`<option value="${r}"${s.role === r ? html` selected` : ''}>${a.roles[r]}</option>`,
        )}</select><button type="submit" class="secondary">${a.changeRole}<span class="vh"> (${s.name})</span></button></form>`
      : '';
    const statusForm = changeable
      ? html`<form method="post" action="/app/firm/staff/${s.userId}"><input type="hidden" name="status" value="${s.status === 'active' ? 'deactivated' : 'active'}"><button type="submit" class="secondary">${s.status === 'active' ? a.deactivate : a.reactivate}<span class="vh"> (${s.name})</span></button></form>`
      : '';
    return html`<li><p><strong>${s.name}</strong>${self ? html` ${a.you}` : ''} · ${s.email}</p>
<p class="meta">${a.columns.role}: ${a.roles[s.role]} · ${a.columns.status}: ${a.statuses[s.status]} · ${a.columns.mfa}: ${s.mfa ? a.yes : a.no} · <a href="/app/firm/audit?actor=${s.userId}">${a.theirActivity}<span class="vh"> (${s.name})</span></a></p>
${roleForm || statusForm ? html`<div class="row">${roleForm}${statusForm}</div>` : ''}</li>`;
  };
  const invitationItem = (i: StaffPageView['invitations'][number]) => {
    const status = i.status === 'pending' && i.expired ? 'expired' : i.status;
    const until = new Date(i.validUntil * 1000);
    return html`<li><p><strong>${i.name}</strong> · ${i.email}</p>
<p class="meta">${a.columns.role}: ${a.roles[i.role]} · ${a.columns.status}: ${a.statuses[status]} · ${a.columns.sent}: ${date.format(new Date(i.createdAt))}${i.status === 'pending' ? html` · ${a.columns.expires}: ${date.format(until)}` : ''}</p>
${i.status === 'pending'
  ? html`<div class="row"><form method="post" action="/app/firm/invitations/${i.invitationId}/resend"><button type="submit" class="secondary" aria-label="${a.resendLabel(i.email)}">${a.resend}</button></form><form method="post" action="/app/firm/invitations/${i.invitationId}/revoke"><button type="submit" class="secondary" aria-label="${a.revokeLabel(i.email)}">${a.revoke}</button></form></div>`
  : ''}</li>`;
  };
  const values = view.invite?.values ?? {};
  const content = html`<h1>${a.staffTitle}</h1>${notice(view.notice)}${view.alert ? html`<div class="errors" role="alert"><p>${view.alert}</p></div>` : ''}${errorSummary(w, problems)}
<p>${a.staffIntro}</p>
<ul class="items">${view.staff.map(staffItem)}</ul>
${view.staffNext || !view.staffFirst ? html`<p>${view.staffNext ? html`<a href="/app/firm/staff?staff=${view.staffNext}">${a.moreStaff}</a> ` : ''}${!view.staffFirst ? html`<a href="/app/firm/staff">${a.firstStaff}</a>` : ''}</p>` : ''}
<h2>${a.inviteTitle}</h2>
<form method="post" action="/app/firm/invitations" novalidate>${input({ name: 'name', label: a.inviteName, value: values.name, problems, autocomplete: 'off' })}${input({ name: 'email', label: a.inviteEmail, type: 'email', value: values.email, problems, autocomplete: 'off' })}${select({ name: 'role', label: a.inviteRole, value: values.role ?? 'coach', problems, options: (['coach', 'admin'] as const).map((r) => ({ value: r, label: a.roles[r]! })) })}<button type="submit">${a.inviteButton}</button></form>
<h2>${a.invitationsTitle}</h2>
${view.invitations.length ? html`<ul class="items">${view.invitations.map(invitationItem)}</ul>` : html`<p>${a.noInvitations}</p>`}
${view.invitationsNext ? html`<p><a href="/app/firm/staff?invitations=${view.invitationsNext}">${a.moreInvitations}</a></p>` : ''}
${owner
  ? html`<h2>${a.ownershipTitle}</h2><p>${a.ownershipIntro}</p>${candidates.length
      ? html`<form method="post" action="/app/firm/ownership" novalidate>${select({ name: 'userId', label: a.ownershipTo, options: candidates.map((s) => ({ value: s.userId, label: `${s.name} (${a.roles[s.role]})` })) })}<button type="submit" class="secondary">${a.ownershipContinue}</button></form>`
      : html`<p>${a.ownershipNoCandidates}</p>`}`
  : ''}`;
  return renderAppPage(w, frame, a.staffTitle, content, ADMIN_CSS);
}

/** The confirmation step of an ownership transfer. */
export function confirmOwnershipPage(w: AppWords, a: AdminWords, frame: AppFrame, to: Pick<StaffUser, 'userId' | 'name'>): Page {
  return renderAppPage(
    w,
    frame,
    a.confirmTitle,
    html`<h1>${a.confirmTitle}</h1><p>${a.confirmBody(to.name)}</p>
<form method="post" action="/app/firm/ownership"><input type="hidden" name="userId" value="${to.userId}"><input type="hidden" name="confirm" value="yes"><div class="buttons"><button type="submit">${a.confirmButton}</button></div></form>
<p><a href="/app/firm/staff">${a.cancel}</a></p>`,
    ADMIN_CSS,
  );
}

export interface AuditEventView {
  at: string;
  action: string;
  actor: { kind: string; id: string };
  details?: Record<string, unknown>;
}

export interface AuditPageView {
  events: readonly AuditEventView[];
  /** Names of the staff users who appear (acting, or filtered by). */
  names: ReadonlyMap<string, string>;
  filter: { actor?: string; kind?: string };
  next?: string;
  searchedBackTo?: string;
  first: boolean;
  readBound: number;
  locale: Locale;
  timeZone: string;
  problems?: readonly FieldIssue[];
}

/** Detail values that name fields, roles or statuses (identifiers), never free text a person wrote. */
const SAFE_DETAIL = /^[A-Za-z][\w.]{0,60}$/;
function detailOf(a: AdminWords, details: Record<string, unknown> | undefined): string {
  if (!details) return '';
  const parts: string[] = [];
  for (const key of ['changed', 'fields'] as const) {
    const names = details[key];
    if (Array.isArray(names)) parts.push(...names.filter((f): f is string => typeof f === 'string' && SAFE_DETAIL.test(f)));
  }
  for (const key of ['role', 'status'] as const) {
    const value = details[key];
    if (typeof value === 'string' && SAFE_DETAIL.test(value)) parts.push(`${a.columns[key]}: ${a.roles[value] ?? a.statuses[value] ?? value}`);
  }
  return parts.length ? ` ${a.detailChanged(parts.join(', '))}` : '';
}

export function auditPage(w: AppWords, a: AdminWords, frame: AppFrame, view: AuditPageView): Page {
  const when = new Intl.DateTimeFormat(view.locale === 'de' ? 'de-CH' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: view.timeZone });
  const who = (e: AuditEventView) =>
    e.actor.kind === 'staff'
      ? html`<a href="/app/firm/audit?actor=${e.actor.id}">${view.names.get(e.actor.id) ?? a.actors.formerStaff}</a>`
      : html`${a.actors[e.actor.kind] ?? e.actor.kind}`;
  const query = (extra: Record<string, string>) =>
    new URLSearchParams({ ...(view.filter.actor ? { actor: view.filter.actor } : {}), ...(view.filter.kind ? { kind: view.filter.kind } : {}), ...extra }).toString();
  const filtered = Boolean(view.filter.actor || view.filter.kind);
  const actors = [...view.names].map(([id, name]) => ({ value: id, label: name }));
  const content = html`<h1>${a.auditTitle}</h1>${errorSummary(w, view.problems)}<p>${a.auditIntro}</p>
<form method="get" action="/app/firm/audit" aria-label="${a.filterTitle}"><div class="row"><div>${select({ name: 'actor', label: a.filterActor, value: view.filter.actor ?? '', options: [{ value: '', label: a.filterActorAny }, ...actors] })}</div><div>${select({ name: 'kind', label: a.filterKind, value: view.filter.kind ?? '', options: [{ value: '', label: a.filterKindAny }, ...AUDIT_KINDS.map((k) => ({ value: k, label: a.kinds[k]! }))] })}</div><button type="submit" class="secondary">${a.filterButton}</button></div></form>
<p class="hint">${a.filterBound(view.readBound)}</p>
${view.events.length
  ? html`<ul class="items">${view.events.map(
      (e) => html`<li><p>${who(e)} ${a.actions[e.action] ?? e.action}${detailOf(a, e.details)}</p><p class="meta"><time datetime="${e.at}">${when.format(new Date(e.at))}</time></p></li>`,
    )}</ul>`
  : html`<p>${a.noEvents}</p>`}
${filtered && view.searchedBackTo ? html`<p class="notice">${a.searchedBackTo(when.format(new Date(view.searchedBackTo)))}</p>` : ''}
<p>${view.next ? html`<a href="/app/firm/audit?${query({ before: view.next })}">${filtered && view.searchedBackTo ? a.lookFurther : a.olderEvents}</a> ` : ''}${!view.first ? html`<a href="/app/firm/audit?${query({})}">${a.newestEvents}</a>` : ''}</p>`;
  return renderAppPage(w, frame, a.auditTitle, content, ADMIN_CSS);
}

export interface MySettingsView {
  values: { 'digest.enabled': string; 'digest.hour': string; locale: string };
  firmLocale: Locale;
  timeZone: string;
  problems?: readonly FieldIssue[];
  notice?: string;
}

export function mySettingsPage(w: AppWords, a: AdminWords, frame: AppFrame, view: MySettingsView): Page {
  const problems = view.problems;
  const v = view.values;
  const content = html`<h1>${a.meTitle}</h1>${notice(view.notice)}${summary(w, problems)}<p>${a.meIntro}</p>
<form method="post" action="/app/me" novalidate>
<fieldset><legend>${a.meDigestTitle}</legend><p class="hint">${a.meDigestIntro}</p>${checkbox({ name: 'digest.enabled', id: 'digest-enabled', label: a.meDigestEnabled, checked: v['digest.enabled'] === 'on', problems })}${select({ name: 'digest.hour', id: 'digest-hour', label: a.meDigestHour, hint: a.meDigestZone(view.timeZone), value: v['digest.hour'], options: hours(a), problems })}</fieldset>
<fieldset><legend>${a.meLanguageTitle}</legend>${select({ name: 'locale', label: a.meLanguage, value: v.locale, problems, options: [{ value: '', label: a.meLanguageFirm(a.languages[view.firmLocale]) }, ...LOCALES.map((l) => ({ value: l, label: a.languages[l] }))] })}</fieldset>
<button type="submit">${a.meSave}</button></form>`;
  return renderAppPage(w, frame, a.meTitle, content, ADMIN_CSS);
}
