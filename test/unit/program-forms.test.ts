import { describe, expect, it } from 'vitest';
import { heldAtOf, rowField, sessionOfForm } from '../../shared/domain/program-forms.js';

describe('the record-session form', () => {
  const now = new Date('2026-11-25T15:30:00Z');

  it('holds a session of today at the moment it is recorded, another day at its midday in the firm’s zone', () => {
    expect(heldAtOf('2026-11-25', 'Europe/Zurich', now)).toBe(now.toISOString());
    expect(heldAtOf('2026-11-24', 'Europe/Zurich', now)).toBe('2026-11-24T11:00:00.000Z');
    expect(heldAtOf('2026-07-01', 'Europe/Zurich', now)).toBe('2026-07-01T10:00:00.000Z');
  });

  it('skips empty rows and names each problem by the row it came from', () => {
    expect(rowField('actions.1.title', [0, 3])).toBe('actions.3.title');
    expect(rowField('heldAt', [])).toBe('date');
    const parsed = sessionOfForm({ date: '2026-11-24', 'actions.1.title': '  ', 'actions.2.title': 'Ask Sam', 'actions.4.dueDate': '2026-12-01' }, { timeZone: 'Europe/Zurich', now });
    expect(parsed).toEqual({ ok: false, problems: [{ field: 'actions.4.title', message: expect.any(String) }] });
    const good = sessionOfForm({ date: '2026-11-24', sharedSummary: 'S', 'actions.2.title': 'Ask Sam', 'actions.2.competency': '' }, { timeZone: 'Europe/Zurich', now });
    expect(good).toMatchObject({ ok: true, rows: [2], session: { heldAt: '2026-11-24T11:00:00.000Z', sharedSummary: 'S', actions: [{ title: 'Ask Sam' }], notifyClient: true } });
  });

  it('says a date that does not exist is wrong by the date field', () => {
    const parsed = sessionOfForm({ date: '2026-02-30' }, { timeZone: 'Europe/Zurich', now });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems.map((p) => p.field)).toEqual(['date']);
  });
});
