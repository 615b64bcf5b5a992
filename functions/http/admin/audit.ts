import * as admin from '../../../shared/contracts/areas/admin.js';
import { AUDIT_FILTER_READ, listAudit } from '../../../shared/db/audit.js';
import { getStaffUsers } from '../../../shared/db/firm.js';
import { auditPageQuerySchema } from '../../../shared/domain/admin-forms.js';
import { toFieldIssues } from '../../../shared/domain/validation.js';
import { NotFoundError } from '../../../shared/errors.js';
import { auditPage, problemsInWords } from '../../../shared/web/admin-pages.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { adminWordsOf } from './common.js';

export const AUDIT_PER_PAGE = 25;

/**
 * The audit trail, newest first: one Query for the page (a filtered page reads at most AUDIT_FILTER_READ events and
 * says how far back it looked), and one BatchGet for the names of the staff users on it.
 */
export const handler = staffPageHandler(admin.auditPage, async ({ principal, w, frame, event }) => {
  const a = adminWordsOf(w);
  const { scope, tenant } = principal;
  const query = auditPageQuerySchema.safeParse(event.queryStringParameters ?? {});
  const shown = { locale: w.lang === 'de' ? ('de' as const) : ('en' as const), timeZone: tenant.timeZone, readBound: AUDIT_FILTER_READ };
  if (!query.success) {
    const problems = problemsInWords(a, toFieldIssues(query.error.issues));
    return { status: 400, page: auditPage(w, a, frame('firm'), { ...shown, events: [], names: new Map(), filter: {}, first: true, problems }) };
  }
  const { actor, kind, before } = query.data;
  const page = await listAudit(scope, AUDIT_PER_PAGE, before, { ...(actor ? { actorId: actor } : {}), ...(kind ? { actionPrefix: `${kind}.` } : {}) });
  const ids = [...new Set([...(actor ? [actor] : []), ...page.events.filter((e) => e.actor.kind === 'staff').map((e) => e.actor.id)])];
  const staff = ids.length ? await getStaffUsers(scope, ids) : new Map();
  // A staff user the firm has never had (another firm's id) names nothing: the same answer as any id of nothing.
  if (actor && !staff.has(actor)) throw new NotFoundError('No staff user with that id in your firm');
  const names = new Map([...staff.values()].map((s) => [s.userId, s.name] as const));
  return {
    status: 200,
    page: auditPage(w, a, frame('firm'), {
      ...shown,
      events: page.events,
      names,
      filter: { ...(actor ? { actor } : {}), ...(kind ? { kind } : {}) },
      ...(page.next ? { next: page.next } : {}),
      ...(page.searchedBackTo ? { searchedBackTo: page.searchedBackTo } : {}),
      first: !before,
    }),
  };
});
