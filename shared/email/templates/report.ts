import { PULSE_ANSWERS, type PulseQuestion } from '../../domain/pulse.js';
import type { ReportContent } from '../../domain/reports.js';
import type { Locale, Tenant } from '../../domain/tenant.js';

import { escapeHtml as e, layout, LINK_TOKEN_PLACEHOLDER, type EmailMessage } from '../message.js';
import { pulseLabel, reportDay, reportWords, stageMovement, type ReportWords } from './report-words.js';
import type { IssuedLinkRef } from './link.js';

export { reportDay, reportWords, type ReportWords };

/**
 * The sponsor's progress report: counts, a completion trend drawn as table-cell bars (width, bgcolor and height on
 * `td`, which Outlook's Word engine honours; the value as text beside each bar; no SVG, images or script), and only
 * what the sharing level let into the content. The text part carries the same numbers. The web version opens the
 * stored snapshot of this report.
 */
/** The last day a period covers (its end is the report's own day, exclusive). */
const lastDay = (end: string) => new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The report's sections as plain lines: the text part, and the order every rendering follows. */
export function reportLines(w: ReportWords, locale: Locale, c: ReportContent): string[] {
  const p = c.actions.period;
  const o = c.actions.overall;
  const lines = [
    `${w.sessionsTitle}: ${w.sessions(c.sessions.heldInPeriod, c.sessions.heldSoFar, c.sessions.planned)}`,
    `${w.actionsTitle}, ${w.thisPeriod.toLowerCase()}: ${p.captured} ${w.captured}, ${p.done} ${w.done}, ${p.partly} ${w.partly}, ${p.notDone} ${w.notDone}`,
    `${w.actionsTitle}, ${w.overall.toLowerCase()}: ${o.captured} ${w.captured}, ${o.done} ${w.done}, ${o.partly} ${w.partly}, ${o.notDone} ${w.notDone}, ${o.open} ${w.open}`,
    `${w.trendTitle}:\n${c.trend.map((t) => `- ${w.since(reportDay(locale, t.start))}: ${t.completion === null ? w.noneDecided : `${t.completion}%`}`).join('\n')}`,
  ];
  if (c.actionTitles) lines.push(`${w.actionTitlesTitle}:\n${c.actionTitles.length ? c.actionTitles.map((a) => `- ${a.title} (${w.status[a.status]})`).join('\n') : w.noneInPeriod}`);
  if (c.competenceStages) lines.push(`${w.stagesTitle}:\n${c.competenceStages.map((s) => `- ${s.competency}: ${stageMovement(w, s)}`).join('\n')}`);
  if (c.obstacles) lines.push(`${w.obstaclesTitle}:\n${c.obstacles.length ? c.obstacles.map((x) => `- ${x.actionTitle}: ${x.text} (${w.category[x.category]})`).join('\n') : w.noneInPeriod}`);
  if (c.reflections) lines.push(`${w.reflectionsTitle}:\n${c.reflections.length ? c.reflections.map((r) => `- ${r.actionTitle}: ${r.text}`).join('\n') : w.noneInPeriod}`);
  return lines;
}

const cell = 'font-size:14px;padding:4px 8px 4px 0';

/** A bar as table cells: the filled part (width and bgcolor on a `td`), then the value as text. */
function bar(percent: number | null, label: string, accent: string, valueText: string): string {
  const filled = percent === null ? 0 : Math.max(1, Math.min(100, percent));
  const bars =
    filled > 0
      ? `<td width="${filled}%" height="14" bgcolor="${accent}" style="background:${accent};height:14px;font-size:1px;line-height:1px">&nbsp;</td><td width="${100 - filled}%" style="font-size:1px;line-height:1px">&nbsp;</td>`
      : `<td width="100%" height="14" bgcolor="#e6e9e7" style="background:#e6e9e7;height:14px;font-size:1px;line-height:1px">&nbsp;</td>`;
  return `<tr><td width="34%" style="${cell}">${e(label)}</td><td style="padding:4px 0"><table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tbody><tr>${bars}</tr></tbody></table></td><td width="22%" style="${cell};padding-left:8px;white-space:nowrap">${e(valueText)}</td></tr>`;
}

const table = (rows: string) => `<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tbody>${rows}</tbody></table>`;
const heading = (text: string) => `<p style="margin:20px 0 6px;font-weight:bold">${e(text)}</p>`;
const list = (items: string[]) => `<ul style="margin:0;padding-left:20px">${items.map((i) => `<li style="margin:0 0 6px">${i}</li>`).join('')}</ul>`;

/** The report's body as email HTML (tables and inline styles only). */
export function reportBodyHtml(w: ReportWords, locale: Locale, c: ReportContent, accent: string): string {
  const a = e(accent);
  const p = c.actions.period;
  const o = c.actions.overall;
  const countRow = (label: string, period: number, overall: number) => `<tr><td style="${cell}">${e(label)}</td><td align="right" style="${cell}">${period}</td><td align="right" style="${cell}">${overall}</td></tr>`;
  let html =
    heading(w.sessionsTitle) +
    `<p style="margin:0">${e(w.sessions(c.sessions.heldInPeriod, c.sessions.heldSoFar, c.sessions.planned))}</p>` +
    heading(w.actionsTitle) +
    table(
      `<tr><td style="${cell}"></td><th align="right" scope="col" style="${cell}">${e(w.thisPeriod)}</th><th align="right" scope="col" style="${cell}">${e(w.overall)}</th></tr>` +
        countRow(w.captured, p.captured, o.captured) +
        countRow(w.done, p.done, o.done) +
        countRow(w.partly, p.partly, o.partly) +
        countRow(w.notDone, p.notDone, o.notDone) +
        `<tr><td style="${cell}">${e(w.open)}</td><td align="right" style="${cell}">–</td><td align="right" style="${cell}">${o.open}</td></tr>`,
    ) +
    heading(w.trendTitle) +
    `<p style="margin:0 0 6px;font-size:13px;color:#58615d">${e(w.trendHint)}</p>` +
    table(c.trend.map((t) => bar(t.completion, w.since(reportDay(locale, t.start)), a, t.completion === null ? w.noneDecided : `${t.completion}%`)).join(''));
  if (c.actionTitles) html += heading(w.actionTitlesTitle) + (c.actionTitles.length ? list(c.actionTitles.map((x) => `${e(x.title)} <span style="color:#58615d">(${e(w.status[x.status])})</span>`)) : `<p style="margin:0">${e(w.noneInPeriod)}</p>`);
  if (c.competenceStages) html += heading(w.stagesTitle) + table(c.competenceStages.map((s) => bar(s.stage * 25, s.competency, a, stageMovement(w, s))).join(''));
  if (c.obstacles) html += heading(w.obstaclesTitle) + (c.obstacles.length ? list(c.obstacles.map((x) => `${e(x.actionTitle)}: ${e(x.text)} <span style="color:#58615d">(${e(w.category[x.category])})</span>`)) : `<p style="margin:0">${e(w.noneInPeriod)}</p>`);
  if (c.reflections) html += heading(w.reflectionsTitle) + (c.reflections.length ? list(c.reflections.map((r) => `${e(r.actionTitle)}: ${e(r.text)}`)) : `<p style="margin:0">${e(w.noneInPeriod)}</p>`);
  return html;
}

export interface ReportEmailInput {
  key: string;
  to: { name: string; email: string; locale: Locale };
  content: ReportContent;
  /** The coach, or the firm: where a sponsor's reply goes. */
  replyTo: string;
  /** A copy for the coach names the sponsor it went to and carries no link (the sponsor's link is the sponsor's). */
  copyOf?: { sponsorName: string };
  /** The web version's link (the sponsor's own report), with its program. */
  link?: IssuedLinkRef & { programId: string };
  /** The one question to the sponsor, answered through the same link (never in the coach's copy). */
  pulse?: PulseQuestion;
}

/** The five answer links of the pulse: each opens the confirm page with its answer chosen (the click records nothing). */
const pulseLinks = (w: ReportWords, appUrl: string) => PULSE_ANSWERS.map((n) => ({ label: pulseLabel(w, n), url: `${appUrl}/pulse?token=${LINK_TOKEN_PLACEHOLDER}&answer=${n}` }));

function pulseText(w: ReportWords, pulse: PulseQuestion, appUrl: string): string {
  return [`${w.pulseTitle}: ${w.pulseQuestion(pulse.subject)}`, w.pulseHint, ...pulseLinks(w, appUrl).map((l) => `${l.label}: ${l.url}`)].join('\n');
}

/** One link per row (a row of five would not fit a phone in German), each a box wide enough to tap. */
function pulseHtml(w: ReportWords, pulse: PulseQuestion, appUrl: string, accent: string): string {
  const a = e(accent);
  const rows = pulseLinks(w, appUrl)
    .map((l) => `<tr><td style="padding:3px 0"><a href="${e(l.url)}" style="display:block;padding:8px 12px;border:2px solid ${a};border-radius:4px;color:#1d2421;text-decoration:none;font-weight:bold">${e(l.label)}</a></td></tr>`)
    .join('');
  return heading(w.pulseTitle) + `<p style="margin:0 0 6px">${e(w.pulseQuestion(pulse.subject))}</p><p style="margin:0 0 6px;font-size:13px;color:#58615d">${e(w.pulseHint)}</p>` + table(rows);
}

export function sponsorReportEmail(tenant: Tenant, input: ReportEmailInput, appUrl: string): EmailMessage {
  const locale = input.to.locale;
  const w = reportWords[locale];
  const c = input.content;
  const firm = tenant.branding.displayName;
  const subject = input.copyOf ? w.copySubject(input.copyOf.sponsorName, c.clientName) : w.subject(c.clientName, c.programTitle);
  const intro = w.intro(c.clientName, c.programTitle, reportDay(locale, c.period.start), reportDay(locale, lastDay(c.period.end)));
  const url = `${appUrl}/report?token=${LINK_TOKEN_PLACEHOLDER}`;
  const accent = e(tenant.branding.accentColour);
  // The question goes with the sponsor's own link only: a copy carries no link, so it asks nothing.
  const pulse = input.link && !input.copyOf ? input.pulse : undefined;
  const text = [
    w.hello(input.to.name),
    ...(input.copyOf ? [w.copyIntro(input.copyOf.sponsorName)] : []),
    intro,
    w.sharedAs(w.levels[c.sharingLevel]),
    ...reportLines(w, locale, c),
    ...(pulse ? [pulseText(w, pulse, appUrl)] : []),
    ...(input.link ? [`${w.webVersion}: ${url}`] : []),
    `--\n${w.footer(firm)}`,
  ].join('\n\n');
  const bodyHtml =
    `<p style="margin:0 0 12px">${e(w.hello(input.to.name))}</p>` +
    (input.copyOf ? `<p style="margin:0 0 12px">${e(w.copyIntro(input.copyOf.sponsorName))}</p>` : '') +
    `<p style="margin:0 0 12px">${e(intro)}</p><p style="margin:0 0 12px;font-size:13px;color:#58615d">${e(w.sharedAs(w.levels[c.sharingLevel]))}</p>` +
    reportBodyHtml(w, locale, c, tenant.branding.accentColour) +
    (pulse ? pulseHtml(w, pulse, appUrl, tenant.branding.accentColour) : '') +
    (input.link ? `<p style="margin:24px 0 0"><a href="${e(url)}" style="color:${accent};font-weight:bold">${e(w.webVersion)}</a></p>` : '');
  return {
    idempotencyKey: input.key,
    kind: input.copyOf ? 'sponsor-report-copy' : 'sponsor-report',
    to: input.to.email,
    subject,
    text: `${text}\n`,
    html: layout({ title: w.pageTitle, accentColour: tenant.branding.accentColour, brand: firm, bodyHtml, footer: w.footer(firm), lang: locale }),
    fromName: tenant.sender.fromName,
    replyTo: input.replyTo,
    ...(input.link ? { link: { purpose: 'sponsor-report' as const, subjectId: input.link.programId, hash: input.link.hash, validUntil: input.link.validUntil } } : {}),
  };
}
