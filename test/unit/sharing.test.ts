import { describe, expect, it } from 'vitest';
import { agreeable, agreeToSharing, awaitsAgreement, proposeSharing, sharedLevel, sharingView, SHARING_HISTORY_MAX, type SharingChange, type SharingLevel } from '../../shared/domain/reports.js';
import { SHARING_LEVELS } from '../../shared/domain/tenant.js';

/**
 * What sponsors may see (shared/domain/reports.ts): the coach proposes, the client agrees; reports share `metrics`
 * until the client agrees, then the agreement, never above the proposal.
 */
const rank = (l: SharingLevel) => SHARING_LEVELS.indexOf(l);
const consent = (level: SharingLevel) => ({ level, at: '2026-11-20T09:00:00.000Z', changeId: '01JD5Z7Q6X4M2N8P0R3S5T7V9W' });
const coach = { kind: 'staff' as const, id: 'coach-1' };
const now = new Date('2026-12-06T10:00:00Z');

describe('sharedLevel', () => {
  for (const proposed of SHARING_LEVELS) {
    it(`proposed "${proposed}", no agreement: metrics`, () => {
      expect(sharedLevel({ sharingLevel: proposed })).toBe('metrics');
      expect(awaitsAgreement({ sharingLevel: proposed })).toBe(proposed !== 'metrics');
    });
    for (const agreed of SHARING_LEVELS) {
      const expected = rank(agreed) <= rank(proposed) ? agreed : proposed;
      it(`proposed "${proposed}", agreed "${agreed}": ${expected}`, () => {
        expect(sharedLevel({ sharingLevel: proposed, sharingConsent: consent(agreed) })).toBe(expected);
        expect(awaitsAgreement({ sharingLevel: proposed, sharingConsent: consent(agreed) })).toBe(rank(agreed) < rank(proposed));
        expect(agreeable({ sharingLevel: proposed }, agreed)).toBe(rank(agreed) <= rank(proposed));
      });
    }
  }
});

describe('a change of the proposal', () => {
  it('raising it is "proposed" and waits for the client: the agreement stays as it was', () => {
    const next = proposeSharing({ sharingLevel: 'actions', sharingConsent: consent('actions') }, 'full', coach, now);
    expect(next.sharingHistory).toEqual([{ by: coach, change: 'proposed', level: 'full', at: now.toISOString() }]);
    expect(next.sharingConsent).toEqual(consent('actions'));
    expect(sharedLevel({ sharingLevel: 'full', ...next })).toBe('actions');
  });

  it('lowering it below the agreement is "lowered" and brings the agreement down: raising it again needs the client again', () => {
    const lowered = proposeSharing({ sharingLevel: 'full', sharingConsent: consent('full') }, 'actions', coach, now);
    expect(lowered.sharingHistory[0]).toMatchObject({ change: 'lowered', level: 'actions' });
    expect(lowered.sharingConsent).toEqual({ ...consent('full'), level: 'actions' });
    const raised = proposeSharing({ sharingLevel: 'actions', ...lowered }, 'full', coach, now);
    expect(sharedLevel({ sharingLevel: 'full', ...raised })).toBe('actions');
  });

  it('before any agreement, stays without one', () => {
    expect(proposeSharing({ sharingLevel: 'metrics' }, 'full', coach, now).sharingConsent).toBeUndefined();
  });
});

describe('the client’s agreement', () => {
  it('is "agreed" at or above their last one, "lowered" below it; it keeps the form’s change id', () => {
    const first = agreeToSharing({}, 'assessments', '01JD5Z7Q6X4M2N8P0R3S5T7V9A', now);
    expect(first.sharingConsent).toEqual({ level: 'assessments', at: now.toISOString(), changeId: '01JD5Z7Q6X4M2N8P0R3S5T7V9A' });
    expect(first.sharingHistory).toEqual([{ by: { kind: 'client' }, change: 'agreed', level: 'assessments', at: now.toISOString() }]);
    const withdrawn = agreeToSharing(first, 'metrics', '01JD5Z7Q6X4M2N8P0R3S5T7V9B', now);
    expect(withdrawn.sharingHistory.map((h) => [h.change, h.level])).toEqual([['lowered', 'metrics'], ['agreed', 'assessments']]);
  });

  it('the history keeps the latest changes, newest first', () => {
    let history: SharingChange[] = [];
    for (let n = 0; n < SHARING_HISTORY_MAX + 5; n++) history = agreeToSharing({ sharingHistory: history }, 'actions', '01JD5Z7Q6X4M2N8P0R3S5T7V9C', new Date(now.getTime() + n * 1000)).sharingHistory;
    expect(history).toHaveLength(SHARING_HISTORY_MAX);
    expect(history[0]!.at).toBe(new Date(now.getTime() + (SHARING_HISTORY_MAX + 4) * 1000).toISOString());
  });

  it('the program page’s view: proposal, agreement, effective level, history', () => {
    expect(sharingView({ sharingLevel: 'full' })).toEqual({ proposed: 'full', effective: 'metrics', history: [] });
    expect(sharingView({ sharingLevel: 'actions', sharingConsent: consent('full') })).toEqual({ proposed: 'actions', agreed: { level: 'full', at: consent('full').at }, effective: 'actions', history: [] });
  });
});
