/**
 * What a firm puts into email headers: its sender name (in `From`, with the platform's address) and its reply-to
 * address. Plain display names and validated addresses only; text fields refuse what would break or disguise a
 * header or an email (controls, lone surrogates, invisible and direction characters). Through the API.
 */
import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/api.js';
import { signupBody, unique } from '../support/factories.js';
import { createFirm, type FirmFixture } from '../support/firms.js';
import { emailsTo } from '../support/inbox.js';

const api = useApi();
let F: FirmFixture;
beforeAll(async () => {
  F = await createFirm(api, { name: `Müller & <Partner> ${unique()}` });
});

interface ErrorReply {
  error: { code: string; fields?: { field: string; message: string }[] };
}

const fieldsOf = (body: unknown) => Object.fromEntries(((body as ErrorReply).error.fields ?? []).map((f) => [f.field, f.message]));

describe('sender settings', () => {
  it('a new firm starts with its name as sender name, less what a display name may not hold', async () => {
    const { settings } = (await F.as('owner', 'GET', '/v1/settings')).body;
    expect(settings.sender.fromName).toMatch(/^Müller & Partner [0-9a-f]{10}$/);
    expect(settings.name).toMatch(/^Müller & <Partner> /);
  });

  it.each([
    ['a name with an address and a header in it', '"PayPal Security Bcc: x@y" <security@paypal.example>'],
    ['a line break', 'Acme\r\nBcc: victim@example.com'],
    ['angle brackets', 'Acme <ceo@acme.example>'],
    ['an @', 'ceo@acme.example'],
    ['a right-to-left override', 'Acme \u202Emoc.lapyap'],
    ['a lone surrogate', 'Acme \ud800'],
    ['too long', 'A'.repeat(61)],
  ])('PATCH /v1/settings refuses %s as sender name: 400 naming sender.fromName, nothing written', async (_what, fromName) => {
    const before = (await F.as('owner', 'GET', '/v1/settings')).body.settings;
    const res = await F.as('owner', 'PATCH', '/v1/settings', { sender: { fromName } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Object.keys(fieldsOf(res.body))).toEqual(['sender.fromName']);
    expect((await F.as('owner', 'GET', '/v1/settings')).body.settings).toEqual(before);
  });

  it('refuses a reply-to that is not one plain address: 400 naming sender.replyTo', async () => {
    for (const replyTo of ['a@b.example\r\nBcc: c@d.example', 'Acme <a@b.example>', 'a@b.example, c@d.example', 'not an address']) {
      const res = await F.as('owner', 'PATCH', '/v1/settings', { sender: { replyTo } });
      expect(res.status, replyTo).toBe(400);
      expect(Object.keys(fieldsOf(res.body))).toEqual(['sender.replyTo']);
    }
  });

  it('an accepted sender name and reply-to go out as exactly one From address (the platform\'s) and one Reply-To', async () => {
    const fromName = "Müller & Partner (Zürich), O'Brien-Ltd.";
    const replyTo = `office-${unique()}@mueller.example`;
    const res = await F.as('owner', 'PATCH', '/v1/settings', { sender: { fromName, replyTo } });
    expect(res.status).toBe(200);
    const invitee = `sender-${unique()}@firm.example`;
    expect((await F.as('owner', 'POST', '/v1/invitations', { email: invitee, name: 'Ina Invitee', role: 'coach' })).status).toBe(201);
    const [mail] = await emailsTo(invitee);
    expect(mail!.replyTo).toEqual([replyTo]);
    const parsed = await simpleParser(`From: ${mail!.from}\r\nSubject: ${mail!.subject}\r\n\r\n.\r\n`);
    expect(parsed.from?.value).toEqual([{ address: expect.stringMatching(/@/), name: fromName }]);
    expect(parsed.headerLines.map((h) => h.key)).toEqual(['from', 'subject']);
  });
});

describe('text fields', () => {
  it.each([
    ['a lone surrogate', 'Olga \ud800', 'unpaired UTF-16 surrogate'],
    ['a line break', 'Olga\nMeier', 'one line'],
    ['a tab', 'Olga\tMeier', 'one line'],
    ['a C1 control', 'Olga\u0085', 'one line'],
    ['a right-to-left override', 'Olga \u202E', 'invisible'],
    ['a zero-width space', 'Ol\u200Bga', 'invisible'],
  ])('sign-up refuses %s in a name with a 400 naming the field, and writes nothing', async (_what, ownerName, why) => {
    const body = signupBody({ ownerName });
    const res = await api.request('POST', '/v1/tenants', { json: body });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body).ownerName).toContain(why);
    expect(await emailsTo(body.ownerEmail)).toHaveLength(0);
  });

  it('invitations and staff renames refuse them too', async () => {
    const invite = await F.as('owner', 'POST', '/v1/invitations', { email: `x-${unique()}@firm.example`, name: 'Eve \ud800', role: 'coach' });
    expect(invite.status).toBe(400);
    expect(Object.keys(fieldsOf(invite.body))).toEqual(['name']);
    const rename = await F.as('owner', 'PATCH', `/v1/staff/${F.coach.userId}`, { name: 'Carl\r\nBcc: x@y.example' });
    expect(rename.status).toBe(400);
    expect(Object.keys(fieldsOf(rename.body))).toEqual(['name']);
  });
});
