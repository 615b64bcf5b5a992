import { auditItem } from '../db/audit.js';
import { tableName } from '../db/client.js';
import { keys, type TenantScope } from '../db/keys.js';
import { ConditionFailed, transact, withoutKeys, type TransactItem } from '../db/transact.js';
import type { Program, Sponsor } from '../domain/coaching.js';
import type { ProgramCollection } from '../domain/program.js';
import { agreeable, agreeToSharing, awaitsAgreement, sharedLevel, type ReportContent, type SharingChange, type SharingLevel } from '../domain/reports.js';
import type { Locale } from '../domain/tenant.js';
import { ConflictError, ValidationError } from '../errors.js';
import { openClientLink, type ClientView } from './client-page.js';
import { contentFor, nextPeriod, sponsorLocale } from './reports.js';

/**
 * What sponsors may see, the client's side: the coach proposes a sharing level, the client agrees to it (or to a lower
 * one) behind their link, after a preview of the next report exactly as it would be sent now. The page is the client
 * page's two round trips (link, firm and the named sponsor in one BatchGet; the program's one Query); agreeing adds
 * one transaction (the program item, held to the proposal and the link generation as read, and an audit event).
 */
export interface SharingView extends ClientView {
  /** The sponsor whose language the preview speaks: the one the page's address names, if the program reports to them. */
  sponsor?: Sponsor;
}

/** Reads and checks a client link for the sharing page; `sponsorId` (from the page's address) is read in the same BatchGet. */
export async function openSharingPage(token: string, now: Date, sponsorId?: string): Promise<SharingView> {
  const view = await openClientLink(token, now, (scope) => (sponsorId ? [keys.sponsor(scope, sponsorId)] : []));
  const sponsor = withoutKeys<Sponsor>(view.also.find((i) => i.type === 'Sponsor'));
  const reportsTo = sponsor && sponsor.status === 'active' && view.collection.program.sponsorIds.includes(sponsor.sponsorId);
  return { ...view, ...(reportsTo ? { sponsor } : {}) };
}

/**
 * The next report as it would be sent now, had the client agreed to `level`: the sponsor's report is made from the
 * same collection, period and content function. Its language is the named sponsor's, else the firm's (a sponsor
 * without a language of their own gets the firm's).
 */
export function sharingPreview(view: SharingView, level: SharingLevel, now: Date): { content: ReportContent; locale: Locale } {
  const { collection, tenant } = view;
  const program: Program = { ...collection.program, sharingConsent: { level, at: now.toISOString(), changeId: '' } };
  return { content: contentFor({ ...collection, program }, tenant, nextPeriod(program, tenant, now)), locale: sponsorLocale(view.sponsor, tenant) };
}

/** The level a page shows by default: the proposal when the client has not agreed to it yet, else what is shared. */
export const levelToShow = (program: Program, asked?: SharingLevel): SharingLevel =>
  asked && agreeable(program, asked) ? asked : !program.sharingConsent || awaitsAgreement(program) ? program.sharingLevel : sharedLevel(program);

export type SharingRecorded = { kind: 'agreed' | 'again'; level: SharingLevel };

/**
 * Records the client's agreement to `level`. The program item is held to the proposal and link generation the page
 * was made from, and to the agreement as read (two windows cannot lose each other's history entry); its version
 * moves on, so a staff edit racing it is refused rather than overwriting the history. A form sent twice is recorded
 * once: the agreement keeps the form's change id.
 */
export async function recordSharing(view: SharingView, form: { level: SharingLevel; change: string }, now: Date): Promise<{ recorded: SharingRecorded; collection: ProgramCollection }> {
  const program = view.collection.program;
  if (program.sharingConsent?.changeId === form.change) return { recorded: { kind: 'again', level: program.sharingConsent.level }, collection: view.collection };
  if (view.readOnly) throw new ConflictError('This program is completed; what sponsors see can no longer change', undefined, 'closed');
  if (!agreeable(program, form.level)) throw new ValidationError([{ field: 'level', message: `must be at most what your coach proposes (${program.sharingLevel})` }]);
  const next = agreeToSharing(program, form.level, form.change, now);
  try {
    await transact([consentItem(view.scope, program, next, now), clientAudit(view, next.sharingHistory[0]!.change, form.level, now)]);
  } catch (error) {
    if (error instanceof ConditionFailed) throw new ConflictError('What your coach proposes, or your agreement, changed meanwhile; here it is as it stands now', undefined, 'sharing-changed');
    throw error;
  }
  return { recorded: { kind: 'agreed', level: form.level }, collection: { ...view.collection, program: { ...program, ...next, version: program.version + 1 } } };
}

function consentItem(scope: TenantScope, program: Program, next: ReturnType<typeof agreeToSharing>, now: Date): TransactItem {
  const before = program.sharingConsent;
  return {
    Update: {
      TableName: tableName(),
      Key: keys.program(scope, program.programId),
      UpdateExpression: 'SET sharingConsent = :consent, sharingHistory = :history, updatedAt = :now ADD version :one',
      ConditionExpression: `sharingLevel = :proposed AND clientLinkGeneration = :g AND #status IN (:active, :paused) AND ${before ? 'sharingConsent.changeId = :before' : 'attribute_not_exists(sharingConsent)'}`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':consent': next.sharingConsent,
        ':history': next.sharingHistory,
        ':now': now.toISOString(),
        ':one': 1,
        ':proposed': program.sharingLevel,
        ':g': program.clientLinkGeneration,
        ':active': 'active',
        ':paused': 'paused',
        ...(before ? { ':before': before.changeId } : {}),
      },
    },
  };
}

const clientAudit = (view: SharingView, change: SharingChange['change'], level: SharingLevel, now: Date) =>
  auditItem(
    view.scope,
    { actor: { kind: 'client', id: view.collection.program.clientId }, action: `program.sharing_${change}`, resource: `program/${view.collection.program.programId}`, details: { level, proposed: view.collection.program.sharingLevel } },
    now,
  );
