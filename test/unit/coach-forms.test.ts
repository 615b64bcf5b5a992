import { describe, expect, it } from 'vitest';
import { coachViewField, coachViewOfForm, sessionChangeOfForm } from '../../shared/domain/coach-forms.js';
import type { Session } from '../../shared/domain/coaching.js';

/** The coach's forms reshaped onto the API's schemas: rows left empty are left out, problems named by the form's fields. */
describe('the coach-view form', () => {
  it('keeps only competencies with a stage or a note, and names a problem by its row', () => {
    const ok = coachViewOfForm({ 'competency-0': 'Delegation', 'stage-0': '', 'competency-1': 'Feedback', 'stage-1': '2', 'note-1': 'Asks weekly.' });
    expect(ok).toEqual({ ok: true, view: { answers: [{ competency: 'Feedback', stage: 2, note: 'Asks weekly.' }] }, rows: [1] });
    const bad = coachViewOfForm({ 'competency-0': 'Delegation', 'note-0': 'No stage', 'competency-1': 'Feedback', 'stage-1': '5' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems.map((p) => p.field)).toEqual(['stage-0', 'stage-1']);
  });

  it('asks for at least one stage when the form is left empty', () => {
    const empty = coachViewOfForm({ 'competency-0': 'Delegation', 'stage-0': '', 'note-0': '  ' });
    expect(!empty.ok && empty.problems).toEqual([{ field: 'stage-0', message: expect.any(String) }]);
  });

  it('names the domain’s problems by the row they came from', () => {
    expect(coachViewField('answers.0.competency', [3])).toBe('stage-3');
    expect(coachViewField('answers.1.note', [0, 2])).toBe('note-2');
  });
});

describe('the edit-session form', () => {
  const session = { heldAt: '2026-11-20T09:00:00.000Z' } as Session;
  const opts = { timeZone: 'Europe/Zurich', now: new Date('2026-11-25T12:00:00Z') };

  it('moves the instant only when the day changed, and archives when ticked', () => {
    const same = sessionChangeOfForm({ date: '2026-11-20', sharedSummary: 'S', privateNotes: '' }, session, opts);
    expect(same).toEqual({ ok: true, change: { sharedSummary: 'S', privateNotes: '', archived: false } });
    const moved = sessionChangeOfForm({ date: '2026-11-19', sharedSummary: '', privateNotes: '', archived: 'on' }, session, opts);
    expect(moved.ok && moved.change).toEqual({ heldAt: '2026-11-19T11:00:00.000Z', sharedSummary: '', privateNotes: '', archived: true });
  });

  it('names a day that does not exist and a summary too long by their fields', () => {
    const bad = sessionChangeOfForm({ date: '2026-02-30', sharedSummary: 'x'.repeat(4001), privateNotes: '' }, session, opts);
    expect(!bad.ok && bad.problems.map((p) => p.field)).toEqual(['date', 'sharedSummary']);
  });
});
