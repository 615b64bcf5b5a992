import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { lazySchema, parseInput } from '../../shared/domain/validation.js';

describe('lazySchema', () => {
  it('builds the schema on first use only, once, and then behaves as the schema itself', () => {
    let built = 0;
    const inner = lazySchema(() => (built++, z.strictObject({ name: z.string().check(z.minLength(2)) })));
    const outer = lazySchema(() => z.strictObject({ person: z.partial(inner), tag: z.optional(z.string()) }));
    expect(built).toBe(0);
    expect(parseInput(outer, { person: { name: 'Ada' } })).toEqual({ person: { name: 'Ada' } });
    expect(built).toBe(1);
    expect(() => parseInput(inner, { name: 'A' })).toThrow(/name: Too small/);
    expect(() => parseInput(outer, { person: {}, extra: 1 })).toThrow(/extra: is not a known field/);
    expect(built).toBe(1);
    expect(z.toJSONSchema(outer)).toMatchObject({ type: 'object', properties: { person: { type: 'object', properties: { name: { type: 'string', minLength: 2 } } } } });
  });
});
