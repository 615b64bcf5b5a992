import { describe, expect, it } from 'vitest';
import { LATEST_PULSES, pulseAnswerOf, pulseInputSchema, pulseSubject, pulseView, type Pulse } from '../../shared/domain/pulse.js';
import { sponsorReportEmail } from '../../shared/email/templates/report.js';
import { newTenant } from '../../shared/domain/tenant.js';
import type { ReportContent } from '../../shared/domain/reports.js';

/**
 * The sponsor's pulse as plain functions (shared/domain/pulse.ts): what each report asks about, which answers count,
 * and what the coach's program page shows of them; and that only the sponsor's own email asks.
 */
describe('the subject of each report’s question', () => {
  const program = { title: 'Leading the new team', competencies: ['Delegation', 'Feedback', 'Focus'], goals: ['Delegate with confidence'] };

  it('rotates through the competencies by the sponsor’s report count, so each is asked about in turn', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => pulseSubject(program, n))).toEqual(['Delegation', 'Feedback', 'Focus', 'Delegation', 'Feedback', 'Focus', 'Delegation']);
  });

  it('falls back to the goals when there is no competency, and to the title when there is no goal either', () => {
    const goals = { ...program, competencies: [], goals: ['Delegate with confidence', 'Say no\nto one meeting a week'] };
    expect([0, 1, 2].map((n) => pulseSubject(goals, n))).toEqual(['Delegate with confidence', 'Say no to one meeting a week', 'Delegate with confidence']);
    expect(pulseSubject({ ...program, competencies: [], goals: [] }, 7)).toBe('Leading the new team');
  });
});

describe('an answer', () => {
  it('is 1 to 5, as a link or form sends it; 0, 6, "x", "2.5" and none are refused naming the field', () => {
    for (const n of ['1', '2', '3', '4', '5'] as const) {
      const parsed = pulseInputSchema.safeParse({ token: 't', answer: n });
      expect(parsed.success && pulseAnswerOf(parsed.data.answer)).toBe(Number(n));
    }
    for (const bad of [{ answer: '0' }, { answer: '6' }, { answer: 'x' }, { answer: '2.5' }, {}]) {
      const parsed = pulseInputSchema.safeParse({ token: 't', ...bad });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['answer']);
    }
    expect(pulseInputSchema.safeParse({ token: 't', answer: '3', tenantId: 'x' }).success).toBe(false);
  });
});

describe('pulseView: the answers over time on the program page', () => {
  const pulse = (periodEnd: string, sponsorId: string, answer: Pulse['answer'], suffix = ''): Pulse => ({
    programId: 'p',
    reportId: `${periodEnd}#${sponsorId}${suffix}`,
    sponsorId,
    subject: 'Delegation',
    answer,
    answeredAt: `${periodEnd}T09:00:00.000Z`,
  });

  it('lists them oldest first by the report’s period end, with the period end, whatever order they come in', () => {
    const view = pulseView({ pulses: [pulse('2026-11-30', 's2', 4), pulse('2026-11-16', 's1', 2), pulse('2026-11-23', 's1', 3, '#now')] });
    expect(view.answers.map((a) => [a.periodEnd, a.sponsorId, a.answer])).toEqual([
      ['2026-11-16', 's1', 2],
      ['2026-11-23', 's1', 3],
      ['2026-11-30', 's2', 4],
    ]);
    expect(view.answers[0]).toEqual({ reportId: '2026-11-16#s1', sponsorId: 's1', subject: 'Delegation', answer: 2, periodEnd: '2026-11-16', answeredAt: '2026-11-16T09:00:00.000Z' });
  });

  it('shows the latest LATEST_PULSES only, and nothing for a program without answers', () => {
    const many = Array.from({ length: LATEST_PULSES + 5 }, (_, i) => pulse(new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString().slice(0, 10), 's1', ((i % 5) + 1) as Pulse['answer']));
    const view = pulseView({ pulses: many });
    expect(view.answers).toHaveLength(LATEST_PULSES);
    expect(view.answers[0]!.reportId).toBe(many[5]!.reportId);
    expect(view.answers.at(-1)!.reportId).toBe(many.at(-1)!.reportId);
    expect(pulseView({})).toEqual({ answers: [] });
  });
});

describe('the question in the report email', () => {
  const now = new Date('2026-11-30T08:00:00Z');
  const content: ReportContent = {
    programTitle: 'Leading the new team',
    clientName: 'Alex Adler',
    sharingLevel: 'metrics',
    period: { start: '2026-11-23', end: '2026-11-30' },
    sessions: { heldInPeriod: 1, heldSoFar: 2, planned: 8 },
    actions: { period: { captured: 1, done: 1, partly: 0, notDone: 0 }, overall: { captured: 2, done: 1, partly: 0, notDone: 0, open: 1 } },
    trend: [{ start: '2026-11-23', completion: 100 }],
  };
  const link = { hash: 'h', validUntil: 1_800_000_000, programId: 'p' };
  const appUrl = 'https://app.waymark.example';

  for (const locale of ['en', 'de'] as const) {
    it(`${locale}: the sponsor's email asks it in both parts, with five answer links; the coach's copy asks nothing`, () => {
      const { tenant } = newTenant({ name: 'Acme Coaching', slug: 'acme', ownerEmail: 'olga@acme.example', ownerName: 'Olga', timeZone: 'Europe/Zurich', locale }, { tenantId: '01JD5Z7Q6X4M2N8P0R3S5T7V9W', ownerUserId: 'u1' }, now);
      const to = { name: 'Sam Sponsor', email: 'sam@client.example', locale };
      const mail = sponsorReportEmail(tenant, { key: 'k', to, content, replyTo: 'c@acme.example', link, pulse: { subject: 'Delegation' } }, appUrl);
      const question = locale === 'en' ? 'Since the last report, how much change have you observed in Delegation?' : 'Wie viel Veränderung haben Sie seit dem letzten Bericht bei Delegation beobachtet?';
      const [low, high] = locale === 'en' ? ['1 no change', '5 a lot of change'] : ['1 keine Veränderung', '5 sehr viel Veränderung'];
      expect(mail.text).toContain(question);
      expect(mail.html).toContain(question);
      for (const n of [1, 2, 3, 4, 5]) {
        expect(mail.text).toContain(`${appUrl}/pulse?token={{link-token}}&answer=${n}`);
        expect(mail.html).toContain(`href="${appUrl}/pulse?token={{link-token}}&amp;answer=${n}"`);
      }
      expect(mail.text).toContain(`${low}: ${appUrl}/pulse`);
      expect(mail.text).toContain(`${high}: ${appUrl}/pulse`);
      expect(mail.html).toContain(`>${low}</a>`);
      expect(mail.html).toContain(`>${high}</a>`);

      const copy = sponsorReportEmail(tenant, { key: 'k2', to: { ...to, email: 'carl@acme.example' }, content, replyTo: 'o@acme.example', copyOf: { sponsorName: 'Sam Sponsor' }, pulse: { subject: 'Delegation' } }, appUrl);
      expect(copy.text).not.toContain('/pulse');
      expect(copy.html).not.toContain('/pulse');
      expect(copy.text).not.toContain(question);
    });
  }
});
