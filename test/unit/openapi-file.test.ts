import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedOpenApi, OPENAPI_FILE } from '../../infra/openapi.js';

describe('the served OpenAPI document (shared/api/openapi.json)', () => {
  it('is exactly what the route contracts generate: run `npm run openapi` after changing a contract', () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(generatedOpenApi());
  });
});
