import { describe, expect, it } from 'vitest';
import { defaultSenderName, senderName } from '../../shared/domain/sender.js';
import { settingsPatchSchema } from '../../shared/domain/tenant.js';
import { multilineText, parseInput, text } from '../../shared/domain/validation.js';
import { ValidationError } from '../../shared/errors.js';

/** The 400 field messages a value gets from a schema, or [] when it is accepted. */
function problems(schema: Parameters<typeof parseInput>[0], value: unknown): string[] {
  try {
    parseInput(schema, value);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields!.map((f) => `${f.field}: ${f.message}`);
  }
}

describe('text(): single-line names and titles', () => {
  const name = text(1, 40);

  it.each([
    ['an unpaired high surrogate', 'Olga \ud800', 'unpaired UTF-16 surrogate'],
    ['an unpaired low surrogate', '\udc00Olga', 'unpaired UTF-16 surrogate'],
    ['a line break', 'Olga\nBcc: x@y.example', 'one line'],
    ['a carriage return', 'Olga\rMeier', 'one line'],
    ['a tab', 'Olga\tMeier', 'one line'],
    ['a NUL', 'Olga\u0000', 'one line'],
    ['DEL', 'Olga\u007f', 'one line'],
    ['a C1 control (NEL)', 'Olga\u0085Meier', 'one line'],
    ['a line separator', 'Olga\u2028Meier', 'one line'],
    ['a right-to-left override', 'Olga \u202Egpj.exe', 'invisible'],
    ['a left-to-right isolate', 'Olga \u2066x\u2069', 'invisible'],
    ['a zero-width space', 'Ol\u200Bga', 'invisible'],
    ['a zero-width joiner', 'Ol\u200Dga', 'invisible'],
    ['a left-to-right mark', 'Olga\u200E', 'invisible'],
    ['a byte-order mark inside', 'Ol\uFEFFga', 'invisible'],
  ])('refuses %s with a 400 that says why', (_what, value, why) => {
    const messages = problems(name, value);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(why);
  });

  it('accepts names in any script, emoji (surrogate pairs) and punctuation, trimmed', () => {
    for (const value of ['Zoë Müller', 'Łukasz Żółć', 'Ελένη', 'Анна', 'محمد', 'שרה', '李小龙', '𠀋 Family', 'Olga 🙂', "O'Brien & Co. (Zürich)"]) {
      expect(problems(name, ` ${value} `), value).toEqual([]);
      expect(parseInput(name, ` ${value} `)).toBe(value);
    }
  });

  it('names the field in a nested schema', () => {
    expect(problems(settingsPatchSchema, { branding: { displayName: 'Acme\u202E' } })).toEqual([
      'branding.displayName: must not contain invisible characters (zero-width or text-direction controls)',
    ]);
  });
});

describe('multilineText(): text that may span lines', () => {
  it('keeps line breaks (as \\n) and tabs, and still refuses other controls, invisible and broken characters', () => {
    expect(parseInput(multilineText(1, 100), 'first line\r\nsecond\tline\rthird')).toBe('first line\nsecond\tline\nthird');
    expect(problems(multilineText(1, 100), 'a\u0007b')[0]).toContain('control characters other than line breaks and tabs');
    expect(problems(multilineText(1, 100), 'a\u202Eb')[0]).toContain('invisible');
    expect(problems(multilineText(1, 100), 'a\ud800b')[0]).toContain('surrogate');
  });
});

describe('sender name: a plain display name', () => {
  it.each([
    ['"PayPal Security Bcc: x@y" <a@b.example>'],
    ['PayPal Security Bcc: x@y'],
    ['Acme <support@acme.example>'],
    ['Acme; Bcc'],
    ['Acme "Best" Coaching'],
    ['a@b.example'],
    ['Acme\r\nBcc: x@y.example'],
    ['A'],
    ['x'.repeat(61)],
    ['-.-'],
  ])('refuses %j', (value) => {
    const messages = problems(settingsPatchSchema, { sender: { fromName: value } });
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m) => m.startsWith('sender.fromName: '))).toBe(true);
  });

  it('accepts letters of any script, digits, spaces and . , & \' - ( )', () => {
    expect(parseInput(senderName(), ' Acme   Coaching ')).toBe('Acme Coaching');
    for (const value of ['Acme Coaching', "Müller & Partner (Zürich)", 'O\'Brien, Smith-Jones Ltd.', 'Ελένη Coaching', '李小龙教练', 'Coach 42', 'Ré']) {
      expect(problems(senderName(), value), value).toEqual([]);
    }
  });

  it('starts from the firm name without what a display name may not hold, else the slug', () => {
    expect(defaultSenderName('Müller & <Partner>', 'mueller')).toBe('Müller & Partner');
    expect(defaultSenderName('"PayPal Security Bcc: x@y"', 'acme')).toBe('PayPal Security Bcc x y');
    expect(defaultSenderName('<>@@', 'acme-coaching')).toBe('acme-coaching');
    expect(defaultSenderName('🙂🙂', 'acme')).toBe('acme');
    const long = defaultSenderName('Ä'.repeat(70), 'acme');
    expect(long).toBe('Ä'.repeat(60));
    expect(defaultSenderName(`${'x'.repeat(59)}𠀋`, 'acme')).toBe('x'.repeat(59)); // never half a surrogate pair
  });
});
