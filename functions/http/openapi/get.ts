import document from '../../../shared/api/openapi.json' with { type: 'json' };
import { httpHandler } from '../../middleware/http.js';

/**
 * The OpenAPI document, generated from the route contracts at build time (`npm run openapi`; a unit test keeps it
 * current), so this function loads no schema and builds nothing per request.
 */
export const handler = httpHandler(async () => ({ status: 200, body: document, headers: { 'cache-control': 'public, max-age=300' } }));
