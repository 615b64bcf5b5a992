/**
 * cdk-nag's AwsSolutions rules for the Waymark stack.
 *
 * cdk-nag 3 is a CDK policy-validation plugin: `addNagChecks(app)` (called by infra/app.ts and by
 * test/infra/nag.test.ts) makes synthesis fail on any finding that is not acknowledged. Deliberate findings are
 * acknowledged by the stack on the construct concerned, one rule id at a time (with the finding in brackets where the
 * rule reports findings, e.g. `AwsSolutions-IAM5[Resource::*]`), with the reasons below. Never acknowledge a whole
 * rule pack or a whole stack.
 */
import { Validations, type Stage } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** Registers the AwsSolutions pack on an app (or stage); returns it so tests can also run it directly. */
export function addNagChecks(scope: Stage): AwsSolutionsChecks {
  const pack = new AwsSolutionsChecks(scope, { verbose: true });
  Validations.of(scope).addPlugins(pack);
  return pack;
}

/** One AwsSolutions rule, optionally one finding of it: `AwsSolutions-L1`, `AwsSolutions-IAM5[Resource::*]`. */
const SPECIFIC_RULE = /^AwsSolutions-[A-Z]+[0-9]+(\[[^\]]+\])?$/;

/** Acknowledges one cdk-nag rule (or one finding of it) on a construct and the resources under it. */
export function acknowledge(construct: IConstruct, id: string, reason: string): void {
  if (!SPECIFIC_RULE.test(id)) throw new Error(`Acknowledge one AwsSolutions rule id at a time, not "${id}"`);
  if (reason.trim().length < 20) throw new Error(`Acknowledging ${id} needs a real reason`);
  Validations.of(construct).acknowledge({ id, reason });
}

export const nagReasons = {
  passwordPolicy:
    'Passwords are at least 12 characters with a lower-case letter, an upper-case letter and a digit; symbols are ' +
    'not required on purpose (length over composition rules, NIST SP 800-63B). shared/domain/staff.ts checks the ' +
    'same policy so a weak password is a clear 400: change both together.',
  mfaOptional:
    'TOTP MFA is optional for now (SMS is off); it will be required for corporate clients later.',
  plusFeaturePlan:
    'Threat protection (Plus feature plan) is not enabled yet: staff sign in through the sign-in function ' +
    '(InitiateAuth USER_PASSWORD_AUTH) without UserContextData, so adaptive authentication would score every ' +
    "attempt from the function's own addresses. Enable it once the handler forwards the caller's context data.",
  runtimePinned:
    'The Lambda runtime is pinned to Node.js 22 on purpose: handlers are bundled (esbuild target node22) and tested ' +
    'for it; moving to a newer runtime is a deliberate upgrade, not an automatic one.',
  sesGetAccount:
    'ses:GetAccount (the email check of GET /health) is account-level and supports no resource-level permission: ' +
    '"*" is the only valid resource. It is the only action in that statement.',
  scheduleDeadLetterQueue:
    "This queue is the dead-letter queue of a schedule's EventBridge target (events EventBridge could not deliver " +
    'after its retries); nothing consumes it, an alarm fires on its first message. SQS3 only recognises queues named ' +
    "in another queue's redrive policy, and a dead-letter queue needs no dead-letter queue of its own.",
  eventDeadLetterQueue:
    "This queue is the dead-letter queue of an event rule's target (SES bounce and complaint events EventBridge could " +
    'not deliver after its retries), kept to replay; nothing consumes it, an alarm fires on its first message.',
  queueDeadLetterQueue:
    "This queue is the dead-letter queue of a fan-out queue (messages its worker failed maxReceiveCount times); " +
    'nothing consumes it, an alarm fires on its first message, and a dead-letter queue needs no dead-letter queue of its own.',
  tableIndexes:
    "Queries on this table's global secondary indexes: the wildcard is the index name under this table's own ARN " +
    '(table/<name>/index/*), read actions only; no other table is reachable.',
} as const;

/**
 * Why each public route has no gateway authorizer (AwsSolutions-APIG4). A public route missing here stays a finding,
 * so a new public route needs its reason written down.
 */
/**
 * Every `session` route (a page of the staff web app): a browser sends its session as a cookie, which API Gateway's
 * JWT authorizer cannot read. The handler checks it before anything else, as the authorizer would, and more.
 */
export const sessionRouteReason =
  'A page of the staff web app: authorized by the HttpOnly, Secure, SameSite=Strict session cookie (a 256-bit ' +
  'secret stored only as a hash, idle and absolute timeouts, ended by sign-out, password change and deactivation), ' +
  "checked in the handler before anything else together with the user's role; state changes also need a Fetch " +
  'Metadata / Origin proof of coming from our own pages.';

export const publicRouteReasons: Readonly<Record<string, string>> = {
  signInPage: 'The sign-in page of the staff web app: whoever signs in has no session yet; it shows a form and changes nothing.',
  signInSubmit:
    'The sign-in form: how a session is obtained, so it cannot require one; every refusal is the same, and guesses ' +
    'are rate limited per source address and per account.',
  signInCode:
    "The sign-in's authenticator code step: the password was checked, the session is not open yet; Cognito's " +
    'short-lived sign-in step (in an HttpOnly cookie) needs a current code of the user\'s app; rate limited as sign-in.',
  health:
    'Uptime checks call GET /health without credentials; it returns the version and dependency status, no tenant data.',
  createTenant:
    'Sign-up: a firm that signs up has no account yet. The stage throttles every route; input is validated.',
  getOpenApi: 'The public description of this API, generated from the route table; no data.',
  signIn: 'Sign-in is how a token is obtained, so it cannot require one; every refusal is the same 401.',
  setPassword:
    'Authorized by the emailed link token in the body (256-bit secret, stored only as a SHA-256 hash, single use, ' +
    "expiring, revocable), verified in the handler; the gateway's JWT authorizer cannot check it.",
  requestPasswordReset:
    'Someone who forgot the password has no token; it always answers 202, so it reveals nothing about accounts.',
  acceptInvitation:
    'Authorized by the emailed invitation link token in the body (hash stored, single use, valid 7 days), verified ' +
    'in the handler; the invitee has no account yet.',
  setPasswordPage:
    'The page an emailed welcome or reset link opens in a browser: authorized by the link token in the query, ' +
    'verified in the handler; showing the form changes nothing.',
  setPasswordSubmit:
    'The form of the set-password page: authorized by the link token in the form body (as setPassword), with a ' +
    'Fetch Metadata / Origin check against cross-site posts.',
  acceptInvitationPage:
    'The page an emailed invitation link opens: authorized by the link token in the query; showing it changes nothing.',
  acceptInvitationSubmit:
    'The form of the invitation page: authorized by the link token in the form body (as acceptInvitation), with a ' +
    'Fetch Metadata / Origin check against cross-site posts.',
  unsubscribePage:
    "The page a scheduled email's unsubscribe link opens: authorized by the link token in the query; showing it changes nothing.",
  unsubscribeSubmit:
    'One-click unsubscribe (RFC 8058): mail servers POST it without any session, so the link token in the query or ' +
    'form body is the only credential; it changes one suppression entry of the firm the token names, and nothing else.',
  resetPasswordPage: 'A form for someone who forgot the password and so has no token; no data.',
  resetPasswordSubmit:
    'The reset form: the same answer for any address, no sooner than a fixed floor, rate limited per source address.',
  clientPage:
    "The client's page an emailed client link opens: authorized by the link token in the query (256-bit secret, " +
    'stored only as a hash, scoped to tenant, client and program, expiring, revocable), verified in the handler; ' +
    'clients have no account. Showing the page changes nothing.',
  sponsorReportPage:
    "The web version of one sponsor report, which the report email's link opens: authorized by the link token in the " +
    'query (256-bit secret, stored only as a hash, scoped to tenant, program, sponsor and one report, expiring), ' +
    'verified in the handler; sponsors have no account. It shows a stored snapshot and changes nothing.',
  sponsorPulsePage:
    "The confirm page of a report email's answer link: authorized by that report's link token in the query (as " +
    'sponsorReportPage), verified in the handler; showing it changes nothing.',
  sponsorPulseSubmit:
    "The confirm page's form: authorized by the report's link token in the form body, verified in the handler, with a " +
    'Fetch Metadata / Origin check against cross-site posts; it writes one answer to the one report the token names, once.',
  clientSubmit:
    "The client page's forms: authorized by the link token in the form body, verified in the handler, with a Fetch " +
    'Metadata / Origin check against cross-site posts; a fresh-link request answers the same for any token and is ' +
    'rate limited per source address and per client.',
  clientAssessmentPage:
    "The client's self-assessment, opened by their client link: authorized by the link token in the query (as " +
    'clientPage), verified in the handler; showing it changes nothing.',
  clientAssessmentSubmit:
    "The self-assessment's form: authorized by the client link token in the form body, verified in the handler, with " +
    'a Fetch Metadata / Origin check against cross-site posts; it writes the answers of the open round of that one program.',
  sharingPage:
    "What the client's sponsors may see, opened by their client link: authorized by the link token in the query (as " +
    'clientPage), verified in the handler; showing it (and its report preview) changes nothing.',
  sharingSubmit:
    "The client's agreement to a sharing level: authorized by the client link token in the form body, verified in the " +
    'handler, with a Fetch Metadata / Origin check against cross-site posts; a fresh-link request is rate limited as ' +
    "the client page's.",
};
