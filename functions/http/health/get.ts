import { checkHealth } from '../../../shared/health.js';
import { httpHandler } from '../../middleware/http.js';

/** 200 when every dependency answers, 503 naming the ones that do not (why is in the log, not the reply). */
export const handler = httpHandler(async ({ log }) => {
  const report = await checkHealth(log);
  return { status: report.status === 'ok' ? 200 : 503, body: report };
});
