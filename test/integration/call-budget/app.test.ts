import { WEB_SESSION_COOKIE } from '../../../shared/domain/web-session.js';
import { api, callBudget, firm } from '../../support/call-budget.js';
import { signedIn, WebUser, type PageAnswer } from '../../support/web.js';

/**
 * DynamoDB calls per request (test/support/call-budget.ts): the staff web app. Every page pays one BatchGet for the
 * session, the firm and the user (plus a stamp of the session's last use at most every few minutes, not here); the
 * rest is the page's own work.
 */
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
  // The session check (1) and one page of the program list (1), however many programs and years the firm has.
  homePage: async () => {
    const user = await signedIn(api, firm.owner.email, firm.owner.password);
    if (!user.sessionCookie?.includes('.')) throw new Error(`no ${WEB_SESSION_COOKIE}`);
    return { calls: 2, status: 200, run: async () => asResponse(await user.get('/app')) };
  },
});
