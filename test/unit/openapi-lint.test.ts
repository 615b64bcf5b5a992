import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../shared/api/openapi.js';

/**
 * The generated document against Redocly's `recommended` ruleset (the library behind `redocly lint`), but for one
 * rule: the web app's forms follow Post/Redirect/Get, so a successful sign-in answers 303, not a 2xx.
 */
async function problemsOf(document: object): Promise<string[]> {
  const config = await createConfig({ extends: ['recommended'], rules: { 'operation-2xx-response': 'off' } });
  const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
  return problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
}

describe('the OpenAPI document', () => {
  it("passes Redocly's recommended rules: no errors, no warnings", async () => {
    expect(await problemsOf(openApiDocument('0.0.0-test'))).toEqual([]);
  });

  it('would not without its servers or an operation summary (the rules are live)', async () => {
    const { servers: _servers, ...withoutServers } = openApiDocument('0.0.0-test');
    expect(await problemsOf(withoutServers)).toEqual([expect.stringMatching(/^error no-empty-servers/)]);
    const doc = openApiDocument('0.0.0-test');
    delete (doc.paths['/v1/me']!.get as { summary?: string }).summary;
    expect(await problemsOf(doc)).toEqual([expect.stringMatching(/^error operation-summary at #\/paths\/~1v1~1me\/get/)]);
  });
});
