import { expect } from 'vitest';
import { clientRequest, createProgram, formOn, programItems, type ProgramFixture } from '../../support/coaching.js';
import { emailsTo } from '../../support/inbox.js';
import { A, aProgram, api, B, beforeAttacks, crossTenantMatrix, expectDeadLinkPage, expectNothingOfAInPage, pageRequest } from '../../support/isolation.js';

/**
 * The cross-tenant matrix (test/support/isolation.ts): the client's page behind the emailed link. A real client link
 * of B, retargeted to A's tenant, is a dead link that names nothing of A; B's own link, with forms that name A's
 * program, action or change, is refused. Either way nothing is written in A (the matrix's closing checks compare
 * A's program item by item) nor in B.
 */
let bProgram: ProgramFixture;
/** The undo form A's client got after a change of their own: everything an attacker would need to take it back. */
let aUndo: Record<string, string>;
/** A's and B's sponsor report links, as their sponsors got them. */
let aReportPath: string;
let bReportPath: string;

/** Sends a firm's program's sponsors a report now and returns the web version's path from the sponsor's email. */
async function reportPathOf(firm: typeof A, program: ProgramFixture): Promise<string> {
  expect((await firm.as('coach', 'POST', `/v1/programs/${program.programId}/reports`)).status).toBe(202);
  const mail = (await emailsTo(program.sponsorEmail)).at(-1)!;
  return /\/report\?token=[\w.%-]+/.exec(mail.body.text ?? '')![0];
}

/** The confirm page of a report's question: the report link's own token, on `/pulse`. */
const pulseOf = (reportPath: string) => reportPath.replace('/report?', '/pulse?');

const itemsOfBoth = async () => [await programItems(A.tenantId, aProgram.programId), await programItems(B.tenantId, bProgram.programId)];

/** Runs `attack`; afterwards A's and B's programs are item by item as before. */
async function changesNothing(attack: () => Promise<void>): Promise<void> {
  const before = await itemsOfBoth();
  await attack();
  expect(await itemsOfBoth()).toEqual(before);
}

/** The mark form of B's action on B's own page: B's token and a fresh change id. */
async function markFormOfB(): Promise<Record<string, string>> {
  const page = await clientRequest(api, 'GET', bProgram.linkPath);
  expect(page.status).toBe(200);
  return formOn(page.html, 'mark', bProgram.actionId);
}

/** B's real token on a form that names A's data: refused as not on B's page (404), a page that names nothing of A. */
async function refusedWithB(form: Record<string, string>): Promise<void> {
  const res = await pageRequest('POST', '/client', false, form);
  expect(res.status, res.html.slice(0, 500)).toBe(404);
  expectNothingOfAInPage(res);
  expect(res.html).not.toContain(aUndo.undo);
}

beforeAttacks(async () => {
  bProgram = await createProgram(B, 'coach');
  // A's client marks their action, so A has a change made through a link, still open to undo.
  const page = await clientRequest(api, 'GET', aProgram.linkPath);
  const marked = await clientRequest(api, 'POST', '/client', { ...formOn(page.html, 'mark', aProgram.actionId), status: 'partly' });
  expect(marked.status, marked.html.slice(0, 500)).toBe(200);
  aUndo = formOn(marked.html, 'undo');
  aReportPath = await reportPathOf(A, aProgram);
  bReportPath = await reportPathOf(B, bProgram);
  expect(aUndo).toMatchObject({ program: aProgram.programId, action: aProgram.actionId });
});

/** B's sharing page, as B's client opens it from their page (the link names B's first sponsor). */
const sharingPathOfB = () => `/client/sharing?token=${encodeURIComponent(bProgram.token)}&sponsor=${bProgram.sponsorId}`;

crossTenantMatrix('client', {
  clientPage: {
    auth: 'link',
    check: () =>
      changesNothing(async () => {
        expectDeadLinkPage(await pageRequest('GET', `/client?token=${bProgram.token}`, true));
        // Control: the same link, not retargeted, opens B's page, and that names nothing of A either.
        const own = await pageRequest('GET', `/client?token=${bProgram.token}`, false);
        expect(own.status).toBe(200);
        expect(own.html).toContain('Block two focus hours on Monday');
        expectNothingOfAInPage(own);
      }),
  },
  sponsorReportPage: {
    auth: 'link',
    check: () =>
      changesNothing(async () => {
        // B's sponsor's link retargeted to A: a dead link naming nothing of A.
        expectDeadLinkPage(await pageRequest('GET', bReportPath, true));
        // A made-up secret in A's tenant, and A's own link cut short: dead links too.
        expectDeadLinkPage(await pageRequest('GET', `/report?token=${A.tenantId}.${'x'.repeat(43)}`, false));
        expect((await pageRequest('GET', aReportPath.slice(0, -3), false)).status).toBe(410);
        // Control: each link opens its own sponsor's report only (a client link is not a report link).
        const own = await pageRequest('GET', bReportPath, false);
        expect(own.status).toBe(200);
        expect(own.html).toContain('Leading the new team');
        expectNothingOfAInPage(own);
        expect((await pageRequest('GET', `/report?token=${bProgram.token}`, false)).status).toBe(410);
      }),
  },
  clientAssessmentPage: {
    auth: 'link',
    check: () =>
      changesNothing(async () => {
        expectDeadLinkPage(await pageRequest('GET', `/client/assessment?token=${bProgram.token}`, true));
        // A report link is not a client link; B's own client link opens B's assessment only.
        expect((await pageRequest('GET', bReportPath.replace('/report', '/client/assessment'), false)).status).toBe(410);
        const own = await pageRequest('GET', `/client/assessment?token=${bProgram.token}`, false);
        expect(own.status).toBe(200);
        expect(own.html).toContain('Where do you stand today?');
        expectNothingOfAInPage(own);
      }),
  },
  clientAssessmentSubmit: {
    auth: 'link',
    check: () =>
      changesNothing(async () => {
        const own = await pageRequest('GET', `/client/assessment?token=${bProgram.token}`, false);
        const round = /name="round" value="([^"]+)"/.exec(own.html)![1]!;
        const answers = { round, 'competency-0': 'Delegation', 'stage-0': '3', 'competency-1': 'Feedback', 'stage-1': '2' };
        // B's link retargeted to A: a dead link, nothing written in A.
        expectDeadLinkPage(await pageRequest('POST', '/client/assessment', true, { token: bProgram.token, ...answers }));
        // A's sponsor's report link is no client link either.
        const reportToken = decodeURIComponent(/token=([^&]+)/.exec(aReportPath)![1]!);
        expect((await pageRequest('POST', '/client/assessment', false, { token: reportToken, ...answers })).status).toBe(410);
      }),
  },
  sharingPage: {
    auth: 'link',
    check: () =>
      changesNothing(async () => {
        // B's link retargeted to A (naming A's sponsor, whose language the preview would speak): a dead link.
        expectDeadLinkPage(await pageRequest('GET', `/client/sharing?token=${bProgram.token}&sponsor=${aProgram.sponsorId}&level=full`, true));
        // B's own link naming A's sponsor: B's page, in no way A's (the sponsor is looked up in B's firm, and must be B's program's).
        const named = await pageRequest('GET', `/client/sharing?token=${bProgram.token}&sponsor=${aProgram.sponsorId}`, false);
        expect(named.status).toBe(200);
        expectNothingOfAInPage(named);
        // Control: B's own page, with B's sponsor.
        const own = await pageRequest('GET', sharingPathOfB(), false);
        expect(own.status).toBe(200);
        expect(own.html).toContain('Leading the new team');
        expectNothingOfAInPage(own);
      }),
  },
  sharingSubmit: {
    auth: 'link',
    check: () =>
      changesNothing(async () => {
        const form = formOn((await clientRequest(api, 'GET', sharingPathOfB())).html, 'agree');
        // B's link retargeted to A, agreeing to the most: a dead link, nothing written in A.
        expectDeadLinkPage(await pageRequest('POST', '/client/sharing', true, { ...form, level: 'full' }));
        // B's own link, naming A's sponsor and a level above B's proposal: refused, nothing written, nothing of A shown.
        const refused = await pageRequest('POST', '/client/sharing', false, { ...form, sponsor: aProgram.sponsorId, level: 'full' });
        expect(refused.status).toBe(400);
        expectNothingOfAInPage(refused);
        // A fresh link asked for from the sharing page of B's retargeted link: the answer of any dead link.
        const fresh = await pageRequest('POST', `/client/sharing?token=${bProgram.token}`, true, { intent: 'fresh-link' });
        const unknown = await pageRequest('POST', `/client/sharing?token=${B.tenantId}.${'x'.repeat(43)}`, false, { intent: 'fresh-link' });
        expect(fresh.status).toBe(200);
        expect(fresh.html).toBe(unknown.html);
      }),
  },
  sponsorPulsePage: {
    auth: 'link',
    check: () =>
      changesNothing(async () => {
        // B's report link retargeted to A, and A's own link cut short: dead links naming nothing of A.
        expectDeadLinkPage(await pageRequest('GET', `${pulseOf(bReportPath)}&answer=3`, true));
        expect((await pageRequest('GET', `${pulseOf(aReportPath).slice(0, -3)}&answer=3`, false)).status).toBe(410);
        // Control: B's link opens B's question only; a client link is not a report link.
        const own = await pageRequest('GET', `${pulseOf(bReportPath)}&answer=3`, false);
        expect(own.status).toBe(200);
        expect(own.html).toContain('how much change have you observed in Delegation?');
        expectNothingOfAInPage(own);
        expect((await pageRequest('GET', `/pulse?token=${bProgram.token}&answer=3`, false)).status).toBe(410);
      }),
  },
  sponsorPulseSubmit: {
    auth: 'link',
    check: async () => {
      const bToken = decodeURIComponent(bReportPath.split('token=')[1]!);
      await changesNothing(async () => {
        // B's report token retargeted to A: a dead link.
        expectDeadLinkPage(await pageRequest('POST', '/pulse', true, { token: bToken, answer: '5' }));
        // B's own token with a form that names A's program or report: only token and answer are taken (400).
        for (const extra of [{ programId: aProgram.programId }, { reportId: `2026-11-26#${aProgram.sponsorId}#now` }, { tenantId: A.tenantId }] as Record<string, string>[]) {
          const res = await pageRequest('POST', '/pulse', false, { token: bToken, answer: '5', ...extra });
          expect(res.status).toBe(400);
          expectNothingOfAInPage(res);
        }
      });
      // Control: B's own answer is recorded, in B's program (A is compared after every attack).
      const own = await pageRequest('POST', '/pulse', false, { token: bToken, answer: '5' });
      expect(own.status).toBe(200);
      expectNothingOfAInPage(own);
      expect(await programItems(B.tenantId, bProgram.programId)).toContain(`"answer":5`);
    },
  },
  clientSubmit: {
    auth: 'link',
    check: () =>
      changesNothing(async () => {
        const mark = await markFormOfB();
        const undoOfA = { ...aUndo, token: bProgram.token, change: mark.change! };

        // B's link retargeted to A, on forms naming A's action and A's change: a dead link.
        expectDeadLinkPage(await pageRequest('POST', '/client', true, { ...mark, action: aProgram.actionId, status: 'done' }));
        expectDeadLinkPage(await pageRequest('POST', '/client', true, undoOfA));

        // B's own link on forms naming A's action, program and change: not on B's page.
        await refusedWithB(undoOfA);
        await refusedWithB({ ...undoOfA, program: bProgram.programId });
        await refusedWithB({ ...mark, action: aProgram.actionId, status: 'not_done', obstacleCategory: 'time', obstacleText: 'Taken over' });
        // (B's page has no edit form for the coach's action; the mark form's token and change id make one.)
        await refusedWithB({ ...mark, intent: 'edit', action: aProgram.actionId, title: 'Taken over' });

        // A fresh link asked for with B's link retargeted to A: the same answer as for any dead link, and no email
        // to anyone (A's client is counted after every attack).
        const emailsOfB = (await emailsTo(bProgram.clientEmail)).length;
        const fresh = await pageRequest('POST', `/client?token=${bProgram.token}`, true, { intent: 'fresh-link' });
        expect(fresh.status).toBe(200);
        expectNothingOfAInPage(fresh);
        const unknown = await pageRequest('POST', `/client?token=${B.tenantId}.${'x'.repeat(43)}`, false, { intent: 'fresh-link' });
        expect(fresh.html).toBe(unknown.html);
        expect((await emailsTo(bProgram.clientEmail)).length).toBe(emailsOfB);
      }),
  },
});
