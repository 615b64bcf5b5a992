import { getItems } from '../db/coaching.js';
import { keys, type TenantScope } from '../db/keys.js';
import { withoutKeys } from '../db/transact.js';
import type { Pulse } from '../domain/pulse.js';
import type { ReportSnapshot } from '../domain/reports.js';
import type { Tenant } from '../domain/tenant.js';
import { judgeLink, LinkNotUsableError, parseLinkToken } from '../links/tokens.js';

/** A report link opened: the firm, the snapshot, and the link's scope and hash (what a pulse answer is held to). */
export interface OpenedReport {
  tenant: Tenant;
  snapshot: ReportSnapshot;
  scope: TenantScope;
  linkHash: string;
  /** The sponsor's answer to the report's question, when asked for and given. */
  pulse?: Pulse;
}

/**
 * A sponsor's report link: it names the tenant, the program, the sponsor and one report, and opens that report's
 * stored snapshot only. Two round trips: link and firm in one BatchGet, then the snapshot.
 */
// `withPulse`: the sponsor's answer to the report's question too, in the same BatchGet as the snapshot.
export async function openReportLink(token: string, now: Date, opts: { withPulse?: boolean } = {}): Promise<OpenedReport> {
  const parsed = parseLinkToken(token);
  if (!parsed) throw new LinkNotUsableError('malformed', 'sponsor-report');
  const { scope, hash } = parsed;
  const linkKey = keys.link(scope, hash);
  const items = await getItems([linkKey, keys.tenant(scope)]);
  const tenant = withoutKeys<Tenant>(items.find((i) => i.type === 'Tenant'));
  const checked = judgeLink(scope, hash, items.find((i) => i.PK === linkKey.PK && i.SK === linkKey.SK), 'sponsor-report', now);
  if (!checked.ok) throw new LinkNotUsableError(checked.problem, 'sponsor-report', tenant ? scope : undefined, tenant);
  if (!tenant || tenant.status !== 'active' || !checked.link.reportId || !checked.link.sponsorId) throw new LinkNotUsableError('revoked', 'sponsor-report', tenant ? scope : undefined, tenant);
  const pulseKey = keys.pulse(scope, checked.link.subjectId, checked.link.reportId);
  const read = await getItems([keys.reportSnapshot(scope, checked.link.subjectId, checked.link.reportId), ...(opts.withPulse ? [pulseKey] : [])]);
  const snapshot = withoutKeys<ReportSnapshot>(read.find((i) => i.type === 'Report'));
  // The snapshot must be this sponsor's report of this program (its key says so; held here too).
  if (!snapshot || snapshot.sponsorId !== checked.link.sponsorId || snapshot.programId !== checked.link.subjectId) throw new LinkNotUsableError('revoked', 'sponsor-report', scope, tenant);
  const pulse = withoutKeys<Pulse>(read.find((i) => i.type === 'Pulse'));
  return { tenant, snapshot, scope, linkHash: hash, ...(pulse ? { pulse } : {}) };
}
