import { describe, expect, it } from 'vitest';
import { clientUpdateSchema, programCreateSchema, programUpdateSchema } from '../../shared/domain/coaching.js';
import { changedFields, clientCreateOfForm, clientUpdateOfForm, linesOf, programCreateOfForm, programUpdateOfForm } from '../../shared/domain/directory-forms.js';
import { formProblems } from '../../shared/web/directory-parts.js';
import { directoryWords } from '../../shared/web/directory-words.js';
import { appWords } from '../../shared/web/app-words.js';

/** The staff web app's forms as the JSON API's inputs: the same schemas judge both. */
describe('the directory forms', () => {
  it('take one goal or competency per line, blank lines and Windows line ends left out', () => {
    expect(linesOf(' Listen first \r\n\r\nAsk\n')).toEqual(['Listen first', 'Ask']);
    expect(linesOf(undefined)).toEqual([]);
  });

  it('turn empty fields into fields not given, numbers into numbers, and leave a wrong number for the schema to name', () => {
    expect(clientCreateOfForm({ name: 'Ada', email: 'ada@client.example', organisation: '', locale: 'en', timeZone: '', 'emailPreferences.hour': ' 7 ' })).toEqual({
      name: 'Ada',
      email: 'ada@client.example',
      locale: 'en',
      emailPreferences: { hour: 7 },
    });
    const program = programCreateOfForm({ clientId: 'x', title: 'T', startDate: '2026-12-01', sessionsPlanned: 'ten', endDate: '' }, ['a']);
    expect(program).toMatchObject({ sessionsPlanned: 'ten', sponsorIds: ['a'], goals: [] });
    expect(program).not.toHaveProperty('endDate');
    const problems = programCreateSchema.safeParse(program).error!.issues.map((i) => i.path.join('.'));
    expect(problems).toEqual(expect.arrayContaining(['clientId', 'sessionsPlanned', 'sponsorIds.0']));
  });

  it('take away what an edit form empties (organisation, end date)', () => {
    expect(clientUpdateSchema.parse(clientUpdateOfForm({ name: 'Ada', email: 'ada@client.example', organisation: '' })).organisation).toBeNull();
    expect(programUpdateSchema.parse(programUpdateOfForm({ title: 'T', startDate: '2026-12-01', sessionsPlanned: '3', endDate: '' }, [])).endDate).toBeNull();
  });

  it('change only what differs from the record as read', () => {
    const current = { name: 'Ada', organisation: undefined, emailPreferences: { reminders: 'daily', hour: 8 }, endDate: undefined, goals: ['A'] };
    expect(changedFields({ name: 'Ada', organisation: null, emailPreferences: { reminders: 'daily', hour: 8 }, endDate: null, goals: ['A'] }, current)).toEqual({});
    expect(changedFields({ name: 'Ada L.', emailPreferences: { reminders: 'daily', hour: 9 }, goals: ['A', 'B'] }, current)).toEqual({
      name: 'Ada L.',
      emailPreferences: { reminders: 'daily', hour: 9 },
      goals: ['A', 'B'],
    });
  });

  it('say each problem once, by the control of its list, in the page’s words', () => {
    const w = appWords('de');
    const d = directoryWords('de');
    const problems = formProblems(w, d, [
      { field: 'goals.3', message: 'Too big' },
      { field: 'goals.4', message: 'Too big' },
      { field: 'clientId', message: 'must be an active client of yours' },
      { field: '', message: d.planLimit(3) },
    ], ['goals']);
    expect(problems).toEqual([
      { field: 'goals', message: d.problems.goals },
      { field: '', message: d.problems.clientId },
      { field: '', message: d.planLimit(3) },
    ]);
  });
});
