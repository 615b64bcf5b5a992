import { WEB_SESSION_COOKIE } from '../../../shared/domain/web-session.js';
import { api, callBudget, firm } from '../../support/call-budget.js';
import { addStaff } from '../../support/firms.js';
import { signedIn, totpNow, WebUser, type PageAnswer } from '../../support/web.js';

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
  // The session check (1) and one page of the program list (1), however many programs and years the firm has; an
  // owner or admin also reads the firm's staff list beside it (1), for the coach filter and column. A coach: 2.
  homePage: async () => {
    const user = await signedIn(api, firm.owner.email, firm.owner.password);
    if (!user.sessionCookie?.includes('.')) throw new Error(`no ${WEB_SESSION_COOKIE}`);
    return { calls: 3, status: 200, run: async () => asResponse(await user.get('/app?status=active&stalled=on&q=a')) };
  },
  // The security pages: the session check (1), then only what changes. Cognito holds the app; its calls are not DynamoDB's.
  securityPage: async () => {
    const user = await signedIn(api, firm.coach.email, firm.coach.password);
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
