import { describe, expect, it } from 'vitest';
import { newTenant } from '../../shared/domain/tenant.js';
import { captureEmail } from '../../shared/email/templates/client.js';
import { coachDigestEmail } from '../../shared/email/templates/coach-digest.js';
import { reminderDigestEmail } from '../../shared/email/templates/reminders.js';
import { sponsorReportEmail } from '../../shared/email/templates/report.js';
import { invitationEmail, welcomeEmail } from '../../shared/email/templates/staff.js';
import type { EmailMessage } from '../../shared/email/message.js';
import { NARROWEST, SCREENSHOT_DIR, useBrowser } from '../support/browser.js';

/**
 * Emails as a phone shows them: at 320 px nothing scrolls sideways (the layout is fluid up to 560 px, long links
 * break), the language is set, and the text stays legible when the mail client prefers dark.
 */
const browser = useBrowser();
const now = new Date('2026-11-25T10:00:00Z');
const link = { hash: 'h', validUntil: 1_800_000_000 };
const appUrl = 'https://app.waymark.example';
const firm = (locale: 'en' | 'de') =>
  newTenant({ name: 'Acme Coaching & Partners', slug: 'acme', ownerEmail: 'olga@acme.example', ownerName: 'Olga Meier', timeZone: 'Europe/Zurich', locale }, { tenantId: '01JD5Z7Q6X4M2N8P0R3S5T7V9W', ownerUserId: 'u1' }, now);

const emails = (locale: 'en' | 'de'): [string, EmailMessage][] => {
  const { tenant, owner } = firm(locale);
  const client = { name: 'Alex Adler', email: 'alex.with.a.rather.long.address@client-company.example', locale };
  return [
    ['welcome', welcomeEmail(tenant, owner, link, 7, appUrl)],
    ['invitation', invitationEmail(tenant, { invitationId: 'i1', email: 'carl@acme.example', name: 'Carl', role: 'coach', sends: 1 }, 'Olga Meier', link, 7, appUrl)],
    ['capture', captureEmail(tenant, client, { programId: 'p', clientId: 'c', sessionId: 's', number: 3, coachName: 'Carl Coach', days: 30 }, link, appUrl)],
    [
      'sponsor report',
      sponsorReportEmail(
        tenant,
        {
          key: 'k',
          to: { name: 'Sam Sponsor', email: 'sam@client-company.example', locale },
          replyTo: 'carl@acme.example',
          link: { ...link, programId: 'p' },
          pulse: { subject: 'Giving feedback within a day' },
          content: {
            programTitle: 'Leading the new team',
            clientName: 'Alex Adler',
            sharingLevel: 'full',
            period: { start: '2026-11-23', end: '2026-11-30' },
            sessions: { heldInPeriod: 1, heldSoFar: 4, planned: 8 },
            actions: { period: { captured: 3, done: 1, partly: 1, notDone: 1 }, overall: { captured: 14, done: 8, partly: 2, notDone: 2, open: 2 } },
            trend: ['2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'].map((start, i) => ({ start, completion: [null, 100, 75, 50, 83, 100, 0, 60][i] ?? null })),
            actionTitles: [{ title: 'Block two focus hours on Monday and Thursday mornings', status: 'done' }, { title: 'Hand the weekly numbers to Priya', status: 'not_done' }],
            obstacles: [{ text: 'The week filled up with urgent requests from the board.', category: 'time', actionTitle: 'Hand the weekly numbers to Priya' }],
            reflections: [{ actionTitle: 'Block two focus hours on Monday and Thursday mornings', text: 'Short and specific worked well; the first time was the hardest.' }],
          },
        },
        appUrl,
      ),
    ],
    [
      'digest',
      reminderDigestEmail(tenant, client, { key: 'k', programId: 'p', content: { programTitle: 'Leading', capture: [{ number: 3 }], dueSoon: [{ actionId: '01JD5Z7Q6X4M2N8P0R3S5T7V9W', title: 'Block two focus hours on Monday and Thursday mornings', dueDate: '2026-11-30' }], overdue: [] } }, link, appUrl),
    ],
    [
      'coach digest',
      coachDigestEmail(tenant, { userId: 'u2', name: 'Carl Coach', email: 'carl@acme.example' }, '2026-11-25', {
        active: [{ programId: 'p', programTitle: 'Leading the new team across three sites', clientName: client.name, activity: [{ kind: 'not_done', title: 'Block two focus hours on Monday and Thursday mornings' }, { kind: 'obstacle', title: 'Block two focus hours on Monday and Thursday mornings', text: 'The quarterly close took every free hour of the week, again.' }], stalls: [] }],
        stalled: [{ programId: 'q', programTitle: 'Finding focus', clientName: 'Bea Berger', activity: [], stalls: [{ kind: 'inactive', days: 12 }, { kind: 'no-session', weeks: 5 }] }],
        moreLines: 0,
      }),
    ],
  ];
};

describe('emails on a 320 px phone', () => {
  for (const locale of ['en', 'de'] as const) {
    for (const [name, email] of emails(locale)) {
      it(`${name} (${locale}): no sideways scrolling, the language set, legible in dark mode`, async () => {
        // The token a sender puts in: as long as a real one.
        const html = email.html.replaceAll('{{link-token}}', `01JD5Z7Q6X4M2N8P0R3S5T7V9W.${'x'.repeat(43)}`);
        const page = await browser.newPage();
        await page.setViewportSize({ width: NARROWEST, height: 640 });
        await page.setContent(html);
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(NARROWEST);
        expect(await page.getAttribute('html', 'lang')).toBe(locale);
        await page.screenshot({ path: `${SCREENSHOT_DIR}email-${name}-${locale}-320.png`, fullPage: true });
        await page.emulateMedia({ colorScheme: 'dark' });
        // In the page (a string: the test itself has no DOM types).
        const colours = await page.evaluate<{ text: string; background: string }>(
          "({ text: getComputedStyle(document.querySelector('.wm-card td')).color, background: getComputedStyle(document.querySelector('.wm-card')).backgroundColor })",
        );
        expect(colours.background).toBe('rgb(38, 47, 43)');
        expect(colours.text).toBe('rgb(233, 238, 235)');
        await page.close();
      });
    }
  }
});
