import { WEB_SESSION_COOKIE } from '../../../shared/domain/web-session.js';
import { api, callBudget, firm } from '../../support/call-budget.js';
import { createProgram, type ProgramFixture } from '../../support/coaching.js';
import { addStaff } from '../../support/firms.js';
import { signedIn, totpNow, WebUser, type PageAnswer } from '../../support/web.js';

/**
 * DynamoDB calls per request (test/support/call-budget.ts): the staff web app. Every page pays one BatchGet for the
 * session, the firm and the user (plus a stamp of the session's last use at most every few minutes, not here); the
 * rest is the page's own work.
 */
/** The coach's program (made once, through the API) with an open obstacle; and the coach signed in afresh for each case. */
let made: Promise<ProgramFixture & { obstacleId: string }> | undefined;
const coachProgram = () =>
  (made ??= (async () => {
    const program = await createProgram(firm, 'coach');
    const obstacle = await firm.as('coach', 'POST', `/v1/programs/${program.programId}/obstacles`, { actionId: program.actionId, text: 'The Monday meeting ran over.', category: 'time' });
    if (obstacle.status !== 201) throw new Error(`obstacle: ${obstacle.status} ${JSON.stringify(obstacle.body)}`);
    return { ...program, obstacleId: obstacle.body.obstacle.obstacleId as string };
  })());
// One browser of the coach for every budget that needs one: each sign-in counts against the account's rate limit.
let coachBrowser: Promise<WebUser> | undefined;
const coach = () => (coachBrowser ??= signedIn(api, firm.coach.email, firm.coach.password));
const asCoach = async (run: (user: WebUser, p: ProgramFixture & { obstacleId: string }, page: string) => Promise<PageAnswer>) => {
  const program = await coachProgram();
  const user = await coach();
  return async () => asResponse(await run(user, program, `/app/programs/${program.programId}`));
};

const asResponse = (answer: PageAnswer) => ({ status: answer.status, headers: new Headers(), body: {} });

callBudget('app', {
  signInPage: async () => ({ calls: 0, status: 200, run: async () => asResponse(await new WebUser(api).get('/sign-in')) }),
  // Two rate counters, the firm and the user (1), the session and its audit event in one transaction (1).
  signInSubmit: async () => ({ calls: 4, status: 303, run: async () => asResponse(await new WebUser(api).signIn(firm.coach.email, firm.coach.password)) }),
  // Without a code step nothing is read or written.
  signInCode: async () => ({ calls: 0, status: 401, run: async () => asResponse(await new WebUser(api).post('/sign-in/code', { code: '123456' })) }),
  // The session check (1) and the end of the session with its audit event (1).
  signOutPage: async () => {
    const user = await signedIn(api, firm.admin.email, firm.admin.password);
    return { calls: 2, status: 200, run: async () => asResponse(await user.post('/sign-out')) };
  },
  // The session check (1) and one page of the program list (1), however many programs and years the firm has; an
  // owner or admin also reads the firm's staff list beside it (1), for the coach filter and column. A coach: 2.
  homePage: async () => {
    const user = await signedIn(api, firm.owner.email, firm.owner.password);
    if (!user.sessionCookie?.includes('.')) throw new Error(`no ${WEB_SESSION_COOKIE}`);
    return { calls: 3, status: 200, run: async () => asResponse(await user.get('/app?status=active&stalled=on&q=a')) };
  },
  // The security pages: the session check (1), then only what changes. Cognito holds the app; its calls are not DynamoDB's.
  securityPage: async () => {
    const user = await coach();
    return { calls: 1, status: 200, run: async () => asResponse(await user.get('/app/security')) };
  },
  authenticatorStart: async () => {
    const user = await newStaffBrowser();
    return { calls: 1, status: 200, run: async () => asResponse(await user.post('/app/security/authenticator')) };
  },
  // The session check (1), the staff item's mirror with its audit event (1), this session marked signed in with it (1).
  authenticatorConfirm: async () => {
    const user = await newStaffBrowser();
    const secret = secretOn(await user.post('/app/security/authenticator'));
    return { calls: 3, status: 303, run: async () => asResponse(await user.post('/app/security/authenticator/confirm', { secret, code: totpNow(secret) })) };
  },
  // The session check (1), the staff item and its audit event (1), this session no longer counted as signed in with it (1).
  authenticatorRemove: async () => {
    const user = await newStaffBrowser();
    const secret = secretOn(await user.post('/app/security/authenticator'));
    await user.post('/app/security/authenticator/confirm', { secret, code: totpNow(secret) });
    return { calls: 3, status: 303, run: async () => asResponse(await user.post('/app/security/authenticator/remove')) };
  },
  // The session check (1), the staff item's "sessions valid after" and its audit event (1).
  securitySignOutEverywhere: async () => {
    const user = await newStaffBrowser();
    return { calls: 2, status: 200, run: async () => asResponse(await user.post('/app/security/sign-out-everywhere')) };
  },
  // The session check with the program item (1), then side by side the program's collection (1) and its sponsors'
  // names (1): two round trips for the whole page, however long the program runs.
  programPage: async () => ({ calls: 3, status: 200, run: await asCoach((u, _p, page) => u.get(page)) }),
  // The program comes with the session check: nothing else is read.
  recordSessionPage: async () => ({ calls: 1, status: 200, run: await asCoach((u, _p, page) => u.get(`${page}/sessions/new`)) }),
  // The session check with the program (1), the transaction (session, actions, link, email) (1), the email marked sent (1).
  recordSessionSubmit: async () => ({
    calls: 3,
    status: 303,
    run: await asCoach((u, _p, page) => u.post(`${page}/sessions`, { date: '2026-11-24', sharedSummary: 'Where the team is now.', 'actions.0.title': 'Ask for feedback twice', 'actions.0.competency': 'Feedback' })),
  }),
  // The session check with program and obstacle (1), the change's transaction (1).
  resolveObstacleSubmit: async () => ({ calls: 2, status: 303, run: await asCoach((u, p, page) => u.post(`${page}/obstacles/${p.obstacleId}/resolve`, { note: 'Moved the meeting.' })) }),
  // The session check with program and action (1), one page of the history (1).
  actionHistoryPage: async () => ({ calls: 2, status: 200, run: await asCoach((u, p, page) => u.get(`${page}/actions/${p.actionId}`)) }),
  // The session check with the program (1), the transaction (link, email, rate counter) (1), the email marked sent (1).
  sendClientLinkSubmit: async () => ({ calls: 3, status: 303, run: await asCoach((u, _p, page) => u.post(`${page}/client-link`)) }),
  revokeClientLinksSubmit: async () => ({ calls: 2, status: 303, run: await asCoach((u, _p, page) => u.post(`${page}/client-link/revoke`)) }),
  // The session check, the program's Query, sponsor and coach in one BatchGet, one transaction, the sponsor's
  // suppression entry, then each email marked sent (the sponsor's and the coach's copy): as the JSON route.
  sendReportSubmit: async () => ({ calls: 7, status: 303, run: await asCoach((u, p, page) => u.post(`${page}/reports`, { sponsorId: p.sponsorId })) }),
  // The program comes with the session check: nothing else is read.
  addActionPage: async () => ({ calls: 1, status: 200, run: await asCoach((u, _p, page) => u.get(`${page}/actions/new`)) }),
  // The session check with the program (1), the action with its history entry and the program's counters in one transaction (1).
  addActionSubmit: async () => ({ calls: 2, status: 303, run: await asCoach((u, _p, page) => u.post(`${page}/actions`, { title: 'Open the Monday meeting with the agenda', competency: 'Feedback' })) }),
  // The session check with program and action (1), the change's transaction (1); a fresh action, at version 1.
  changeActionSubmit: async () => {
    const program = await coachProgram();
    const added = await firm.as('coach', 'POST', `/v1/programs/${program.programId}/actions`, { title: 'Ask one question per meeting' });
    if (added.status !== 201) throw new Error(`action: ${added.status} ${JSON.stringify(added.body)}`);
    const actionId = added.body.action.actionId as string;
    return { calls: 2, status: 303, run: await asCoach((u, _p, page) => u.post(`${page}/actions/${actionId}`, { title: 'Ask one question per meeting', status: 'done', version: '1' })) };
  },
  // The session check with program and the posted action (1), the obstacle's transaction (1).
  logObstacleSubmit: async () => ({ calls: 2, status: 303, run: await asCoach((u, p, page) => u.post(`${page}/obstacles`, { actionId: p.actionId, text: 'No time before the meeting.', category: 'time' })) }),
  // The session check (1), the program's Query (1), the transaction (round, link, email, rate counter) (1), the email marked sent (1).
  openAssessmentSubmit: async () => ({ calls: 4, status: 303, run: await asCoach((u, _p, page) => u.post(`${page}/assessments`)) }),
  // The session check, with the program and the round's answers (1): nothing else is read.
  coachViewPage: async () => ({ calls: 1, status: 200, run: await asCoach((u, _p, page) => u.get(`${page}/assessments/2026-11-01/coach-view`)) }),
  // The session check (1), the program's Query (1), the round's answers with their audit event (1).
  coachViewSubmit: async () => ({
    calls: 3,
    status: 303,
    run: await asCoach((u, _p, page) => u.post(`${page}/assessments/2026-11-01/coach-view`, { 'competency-0': 'Delegation', 'stage-0': '3', 'competency-1': 'Feedback', 'note-1': '' })),
  }),
  // The session comes with the session check: nothing else is read.
  editSessionPage: async () => ({ calls: 1, status: 200, run: await asCoach((u, p, page) => u.get(`${page}/sessions/${p.sessionId}`)) }),
  // The session check with program and session (1), the session and its audit event (1).
  editSessionSubmit: async () => ({
    calls: 2,
    status: 303,
    run: await asCoach((u, p, page) => u.post(`${page}/sessions/${p.sessionId}`, { date: '2026-11-20', sharedSummary: 'Where your week goes, revised.', privateNotes: 'Rested now.' })),
  }),
});

/** A new coach of the firm, signed in on the web (so enrolling or signing out everywhere disturbs no other budget). */
async function newStaffBrowser(): Promise<WebUser> {
  const staff = await addStaff(api, firm.owner.token, 'coach');
  return signedIn(api, staff.email, staff.password);
}

const secretOn = (page: PageAnswer): string => {
  const secret = /name="secret" value="([A-Z2-7]+)"/.exec(page.html)?.[1];
  if (!secret) throw new Error(`no secret on the enrolment page: ${page.status}`);
  return secret;
};
