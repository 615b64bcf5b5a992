import { HtmlValidate } from 'html-validate';
import { describe, expect, it, vi } from 'vitest';
import { tenantScope } from '../../shared/db/keys.js';
import { newTenant, type Locale } from '../../shared/domain/tenant.js';
import type { EmailMessage } from '../../shared/email/message.js';
import { captureEmail, freshLinkEmail } from '../../shared/email/templates/client.js';
import { coachDigestEmail } from '../../shared/email/templates/coach-digest.js';
import { reminderDigestEmail } from '../../shared/email/templates/reminders.js';
import { sponsorReportEmail } from '../../shared/email/templates/report.js';
import { REPORT_LIST_MAX, REPORT_NOTE_CHARS, REPORT_NOTES_MAX, type ReportContent } from '../../shared/domain/reports.js';
import { signUpAttemptEmail } from '../../shared/email/templates/sign-up-attempt.js';
import { invitationEmail, passwordResetEmail, welcomeEmail } from '../../shared/email/templates/staff.js';
import { withUnsubscribeLink } from '../../shared/email/unsubscribe.js';

/**
 * Every kind of email, in both languages, is valid HTML by html-validate's recommended rules (less the six that
 * email HTML must break: inline styles, table layout attributes, Outlook's conditional comments and the like), has
 * a text part, and stays well under 100 KB.
 */
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    'no-trailing-whitespace': 'off',
    'no-conditional-comment': 'off',
    'no-inline-style': 'off',
    'no-deprecated-attr': 'off',
    'doctype-style': 'off',
    'prefer-native-element': 'off',
  },
});

const now = new Date('2026-11-25T10:00:00Z');
const link = { hash: 'h', validUntil: 1_800_000_000 };
const appUrl = 'https://app.waymark.example';

/** A report at the fullest sharing level, every section at its most (its content cut as reportContent cuts it). */
const fullReport = (title: string): ReportContent => ({
  programTitle: 'Lead <calmly>',
  clientName: 'Alex <b>Adler</b>',
  sharingLevel: 'full',
  period: { start: '2026-11-16', end: '2026-11-23' },
  sessions: { heldInPeriod: 1, heldSoFar: 4, planned: 8 },
  actions: { period: { captured: 3, done: 1, partly: 1, notDone: 1 }, overall: { captured: 12, done: 6, partly: 2, notDone: 2, open: 2 } },
  trend: Array.from({ length: 12 }, (_, i) => ({ start: `2026-0${1 + (i % 9)}-0${1 + (i % 9)}`, completion: i % 4 === 0 ? null : i * 8 })),
  actionTitles: Array.from({ length: REPORT_LIST_MAX }, (_, i) => ({ title: `${title} ${i}`, status: 'partly' as const })),
  competenceStages: [{ competency: 'Delegating <well>', stage: 3, previousStage: 2, assessedAt: '2026-11-20T09:00:00.000Z' }],
  obstacles: Array.from({ length: REPORT_NOTES_MAX }, () => ({ text: 'No time <at all> '.repeat(50).slice(0, REPORT_NOTE_CHARS), category: 'time' as const, actionTitle: title })),
  reflections: Array.from({ length: REPORT_NOTES_MAX }, () => ({ text: 'I noticed <this> '.repeat(60).slice(0, REPORT_NOTE_CHARS), actionTitle: title })),
});

function everyEmail(locale: Locale): [string, EmailMessage][] {
  const { tenant, owner } = newTenant({ name: 'Acme & Partners <Coaching>', slug: 'acme', ownerEmail: 'olga@acme.example', ownerName: 'Olga "O" Meier', timeZone: 'Europe/Zurich', locale }, { tenantId: '01JD5Z7Q6X4M2N8P0R3S5T7V9W', ownerUserId: 'u1' }, now);
  const client = { name: 'Alex <b>Adler</b>', email: 'alex@client.example', locale };
  const action = { actionId: '01JD5Z7Q6X4M2N8P0R3S5T7V9W', title: 'Say "no" to one meeting <a week>', dueDate: '2026-11-30' };
  vi.stubEnv('WAYMARK_TABLE_NAME', 'unit-test');
  const digest = reminderDigestEmail(tenant, client, { key: 'k', programId: 'p', content: { programTitle: 'T', capture: [{ number: 2 }], dueSoon: [action], overdue: [action] } }, link, appUrl);
  const unsubscribable = withUnsubscribeLink(tenantScope('01JD5Z7Q6X4M2N8P0R3S5T7V9W'), digest, { list: 'reminders', recipientId: 'c', locale, appUrl }, now).message;
  return [
    ['reminder digest with its unsubscribe link', unsubscribable],
    ['welcome', welcomeEmail(tenant, owner, link, 7, appUrl)],
    ['invitation', invitationEmail(tenant, { invitationId: 'i1', email: 'carl@acme.example', name: 'Carl', role: 'coach', sends: 1 }, 'Olga Meier', link, 7, appUrl)],
    ['password reset', passwordResetEmail(tenant, owner, link, 60, '2026-11-25T10', appUrl)],
    ['sign-up attempt', signUpAttemptEmail('olga@acme.example', 'u1', locale, now)],
    ['session capture', captureEmail(tenant, client, { programId: 'p', clientId: 'c', sessionId: 's', number: 2, coachName: 'Carl', days: 30 }, link, appUrl)],
    ['fresh link', freshLinkEmail(tenant, client, { programId: 'p', clientId: 'c', key: 'k', days: 30 }, link, appUrl)],
    [
      'coach digest',
      coachDigestEmail(tenant, { userId: 'u1', name: 'Carl <i>Coach</i>', email: 'carl@acme.example' }, '2026-11-25', {
        active: [{ programId: 'p', programTitle: 'Lead <a week>', clientName: client.name, activity: [{ kind: 'done', title: action.title }, { kind: 'obstacle', title: action.title, text: 'My <b>Adler</b> manager' }, { kind: 'reflection', title: action.title, text: 'Went "well"' }], stalls: [] }],
        stalled: [{ programId: 'q', programTitle: 'Focus <Coaching>', clientName: client.name, activity: [], stalls: [{ kind: 'inactive', days: 12 }, { kind: 'overdue', count: 3 }, { kind: 'no-session', weeks: 5 }] }],
        moreLines: 4,
      }),
    ],
    ['sponsor report', sponsorReportEmail(tenant, { key: 'k', to: { ...client, name: 'Sam <i>Sponsor</i>' }, content: fullReport(action.title), replyTo: 'coach@acme.example', link: { ...link, programId: 'p' }, pulse: { subject: 'Say no <calmly>' } }, appUrl)],
    ['sponsor report copy', sponsorReportEmail(tenant, { key: 'k', to: client, content: fullReport(action.title), replyTo: 'olga@acme.example', copyOf: { sponsorName: 'Sam <i>Sponsor</i>' } }, appUrl)],
    ['reminder digest', reminderDigestEmail(tenant, client, { key: 'k', programId: 'p', content: { programTitle: 'T', capture: [{ number: 2 }], dueSoon: [action], overdue: [action], assessment: { opensOn: '2026-12-14' } } }, link, appUrl)],
  ];
}

describe('email HTML', () => {
  for (const locale of ['en', 'de'] as const) {
    for (const [name, email] of everyEmail(locale)) {
      it(`${name} (${locale}): valid, escaped, with a text part, under 100 KB`, async () => {
        const report = await validator.validateString(email.html);
        expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
        expect(email.html).toContain(`lang="${locale}"`);
        expect(email.html).not.toMatch(/<b>Adler|<a week>|<Coaching>|<i>Sponsor|<calmly>|<at all>|<this>|<well>/);
        expect(email.text.length).toBeGreaterThan(50);
        expect(Buffer.byteLength(email.html) + Buffer.byteLength(email.text)).toBeLessThan(100 * 1024);
      });
    }
  }
});
