import { openApiDocument } from '../../../shared/api/openapi.js';
import { config } from '../../../shared/config.js';
import { httpHandler } from '../../middleware/http.js';

let document: ReturnType<typeof openApiDocument> | undefined;

export const handler = httpHandler(async () => {
  document ??= openApiDocument(config.version());
  return { status: 200, body: document, headers: { 'cache-control': 'public, max-age=300' } };
});
