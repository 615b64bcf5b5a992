import { describe, expect, it } from 'vitest';
import { dynamoCallCount } from '../../../shared/db/client.js';
import { api, callBudget, seedCoaching, type SeededProgram } from '../../support/call-budget.js';
import { clientRequest, formOn } from '../../support/coaching.js';
import { emailsTo } from '../../support/inbox.js';

/**
 * DynamoDB calls per request (test/support/call-budget.ts): the client's page behind the emailed link, on a program
 * with 40 sessions of actions, obstacles and history in a firm of thousands of items (seedCoaching). A page is the
 * link and the firm in one BatchGet, then the program's one Query; a change adds one TransactWriteItems.
 */
let P: SeededProgram;

/** A request of the client's page whose answer must say `says`; the budget holds for a change that was recorded. */
async function page(method: 'GET' | 'POST', path: string, form: Record<string, string> | undefined, says: string) {
  const res = await clientRequest(api, method, path, form);
  expect(res.html).toContain(says);
  return { status: res.status, headers: res.headers, body: {} };
}

const freshPage = async () => (await clientRequest(api, 'GET', P.linkPath)).html;
const sharingPath = () => `${P.linkPath.replace('/client?', '/client/sharing?')}&sponsor=${P.sponsorId}`;

/** The web version of a report the program's sponsors got (sent now, through the API). */
let reportPath: string;
/** The confirm page of that report's question (the same token), without its answer. */
let pulsePath: string;

callBudget('client', {
    sponsorReportPage: async () => ({ calls: 2, status: 200, run: () => page('GET', reportPath, undefined, 'Leading the new team') }),
    clientPage: async () => ({ calls: 2, status: 200, run: () => page('GET', P.linkPath, undefined, 'Leading the new team') }),
    // The link and the firm, then the snapshot with the report's answer (none yet) in one BatchGet.
    sponsorPulsePage: async () => ({ calls: 2, status: 200, run: () => page('GET', `${pulsePath}&answer=4`, undefined, 'how much change have you observed in Delegation?') }),
    // The same two reads, then one transaction: the answer, the sponsor's count of answers, the link still working.
    sponsorPulseSubmit: async () => ({ calls: 3, status: 200, run: () => page('POST', '/pulse', { token: decodeURIComponent(pulsePath.split('token=')[1]!), answer: '4' }, 'Your answer is recorded: 4.') }),
    clientSubmit: async () => {
      const form = { ...formOn(await freshPage(), 'mark', P.actionId), status: 'done', reflection: 'Two quiet hours.', challenge: '3', skill: '4' };
      return { calls: 3, status: 200, run: () => page('POST', '/client', form, 'Recorded: Block two focus hours on Monday is done.') };
    },
    // The link and the firm in one BatchGet, then the program's one Query (its rounds among its items).
    clientAssessmentPage: async () => ({ calls: 2, status: 200, run: () => page('GET', P.linkPath.replace('/client', '/client/assessment'), undefined, 'Where do you stand today?') }),
    // The same two reads, then one transaction (the round's answers, the program's last client activity).
    clientAssessmentSubmit: async () => {
      const html = (await clientRequest(api, 'GET', P.linkPath.replace('/client', '/client/assessment'))).html;
      const form = { token: P.token, round: /name="round" value="([^"]+)"/.exec(html)![1]!, 'competency-0': 'Delegation', 'stage-0': '2', 'competency-1': 'Feedback', 'stage-1': '3', 'note-1': 'Easier with the team now.' };
      return { calls: 3, status: 200, run: () => page('POST', '/client/assessment', form, 'Saved. Thank you') };
    },
    // The link, the firm and the sponsor the page names in one BatchGet; the program's one Query.
    sharingPage: async () => ({ calls: 2, status: 200, run: () => page('GET', sharingPath(), undefined, 'Preview of the next report') }),
    // The same two, then one transaction: the program item and an audit event.
    sharingSubmit: async () => {
      const form = { ...formOn((await clientRequest(api, 'GET', sharingPath())).html, 'agree'), level: 'metrics' };
      return { calls: 3, status: 200, run: () => page('POST', '/client/sharing', form, 'Recorded: reports to your sponsor share counts and rates') };
    },
}, {
  seed: async (f) => {
    P = await seedCoaching(f);
    expect((await f.as('coach', 'POST', `/v1/programs/${P.programId}/reports`)).status).toBe(202);
    const sponsor = (await emailsTo(P.sponsorEmail)).at(-1)!;
    reportPath = /\/report\?token=[\w.%-]+/.exec(sponsor.body.text ?? '')![0];
    pulsePath = reportPath.replace('/report?', '/pulse?');
  },
});

describe('the other changes of the client page: the link and the firm, the program, one transaction', () => {
  const measured = async (form: Record<string, string>, says: string) => {
    const before = dynamoCallCount();
    const res = await clientRequest(api, 'POST', '/client', form);
    const calls = dynamoCallCount() - before;
    expect(res.status, res.html.slice(0, 1500)).toBe(200);
    expect(res.html).toContain(says);
    return calls;
  };

  it('undo (of "not done" with an obstacle, which it archives too): 3', async () => {
    const actionId = P.openActionIds[0]!;
    const mark = { ...formOn(await freshPage(), 'mark', actionId), status: 'not_done', obstacleCategory: 'energy', obstacleText: 'Too tired after the offsite.' };
    const marked = await clientRequest(api, 'POST', '/client', mark);
    expect(marked.html).toContain('is not done');
    expect(await measured(formOn(marked.html, 'undo'), 'Taken back:')).toBe(3);
  });

  it('add: 3', async () => {
    const add = { ...formOn(await freshPage(), 'add'), title: 'Ask Sam to chair the Friday stand-up', dueDate: '2026-12-04', competency: 'Delegation' };
    expect(await measured(add, 'Added: Ask Sam to chair the Friday stand-up.')).toBe(3);
  });

  it('the same form again (a double click): 2 (its change is found with the link), and nothing recorded twice', async () => {
    const add = { ...formOn(await freshPage(), 'add'), title: 'Thank the team on Monday' };
    await measured(add, 'Added: Thank the team on Monday.');
    expect(await measured(add, 'recorded already')).toBe(2);
  });
});
