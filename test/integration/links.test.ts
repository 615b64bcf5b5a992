import { describe, expect, it } from 'vitest';
import { tenantScope } from '../../shared/db/keys.js';
import { transact } from '../../shared/db/transact.js';
import { newId } from '../../shared/ids.js';
import { CLAIM_SECONDS, checkLink, claimLinkItem, issueLink, releaseLink, revokeLinkItem, useLinkItem } from '../../shared/links/tokens.js';
import { ConditionFailed } from '../../shared/db/transact.js';

const at = (iso: string) => new Date(iso);

describe('emailed links', () => {
  it('work until their validity ends, and say why they stop working', async () => {
    const scope = tenantScope(newId());
    const link = issueLink(scope, 'invitation', 'inv-1', 3600, at('2026-11-25T10:00:00Z'));
    await transact([link.item]);

    expect(await checkLink(link.token, 'invitation', at('2026-11-25T10:59:59Z'))).toMatchObject({ ok: true, link: { subjectId: 'inv-1' } });
    expect(await checkLink(link.token, 'invitation', at('2026-11-25T11:00:00Z'))).toEqual({ ok: false, problem: 'expired', scope });
    expect(await checkLink(link.token, 'set-password', at('2026-11-25T10:30:00Z'))).toEqual({ ok: false, problem: 'wrong-purpose', scope });
  });

  it('are used once: claimed by one request, used by that request only, then refused', async () => {
    const scope = tenantScope(newId());
    const now = at('2026-11-25T10:00:00Z');
    const link = issueLink(scope, 'set-password', 'user-1', 3600, now);
    await transact([link.item]);
    await transact([claimLinkItem(scope, link.hash, 'claim-a', now)]);
    // A second claim while the first holds, or a use by someone else, fails.
    await expect(transact([claimLinkItem(scope, link.hash, 'claim-b', now)])).rejects.toBeInstanceOf(ConditionFailed);
    await expect(transact([useLinkItem(scope, link.hash, 'claim-b', now)])).rejects.toBeInstanceOf(ConditionFailed);
    await transact([useLinkItem(scope, link.hash, 'claim-a', now)]);
    await expect(transact([useLinkItem(scope, link.hash, 'claim-a', now)])).rejects.toBeInstanceOf(ConditionFailed);
    expect(await checkLink(link.token, 'set-password', now)).toMatchObject({ ok: false, problem: 'used' });
  });

  it('given back after a failed attempt, can be claimed again; a stale claim lapses', async () => {
    const scope = tenantScope(newId());
    const now = at('2026-11-25T10:00:00Z');
    const link = issueLink(scope, 'set-password', 'user-2', 3600, now);
    await transact([link.item]);
    await transact([claimLinkItem(scope, link.hash, 'claim-a', now)]);
    await releaseLink(scope, link.hash, 'claim-a');
    await transact([claimLinkItem(scope, link.hash, 'claim-b', now)]);
    // A claim whose holder died lapses after CLAIM_SECONDS.
    const later = new Date(now.getTime() + (CLAIM_SECONDS + 1) * 1000);
    await transact([claimLinkItem(scope, link.hash, 'claim-c', later)]);
    await expect(transact([useLinkItem(scope, link.hash, 'claim-b', later)])).rejects.toBeInstanceOf(ConditionFailed);
  });

  it('store only a hash, and a revoked or altered link does not work', async () => {
    const scope = tenantScope(newId());
    const now = at('2026-11-25T10:00:00Z');
    const link = issueLink(scope, 'invitation', 'inv-2', 3600, now);
    expect(JSON.stringify(link.item)).not.toContain(link.token.split('.')[1]);
    await transact([link.item]);
    await transact([revokeLinkItem(scope, link.hash, now)]);
    expect(await checkLink(link.token, 'invitation', now)).toMatchObject({ ok: false, problem: 'revoked' });
    const otherTenant = `${newId()}.${link.token.split('.')[1]}`;
    expect(await checkLink(otherTenant, 'invitation', now)).toMatchObject({ ok: false, problem: 'unknown' });
    expect(await checkLink(`${link.token}.x`, 'invitation', now)).toEqual({ ok: false, problem: 'malformed' });
  });
});
