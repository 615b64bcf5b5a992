/**
 * `npm run openapi`: writes the OpenAPI document, generated from the route contracts and their zod schemas, to
 * shared/api/openapi.json. The docs function serves that file, so it loads no schema and builds nothing at run
 * time; a unit test fails while the file differs from what the contracts generate.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from '../shared/api/openapi.js';
import { repoRoot } from './local/handlers.js';

export const OPENAPI_FILE = join(repoRoot, 'shared', 'api', 'openapi.json');

export const generatedOpenApi = (): string => {
  const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  return `${JSON.stringify(openApiDocument(version), null, 2)}\n`;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OPENAPI_FILE, generatedOpenApi());
  console.log(`wrote ${OPENAPI_FILE}`);
}
