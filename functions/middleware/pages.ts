import { linkPageQuerySchema } from '../../shared/domain/auth.js';
import { ForbiddenError, TooManyRequestsError, WaymarkError } from '../../shared/errors.js';
import { LinkNotUsableError, type LinkPurpose } from '../../shared/links/tokens.js';
import { getTenant } from '../../shared/db/firm.js';
import { localeFromAcceptLanguage, words } from '../../shared/web/i18n.js';
import { brandOf } from '../../shared/web/layout.js';
import { errorPage, linkNotUsablePage, refusedPage, tooManyPage } from '../../shared/web/pages.js';
import { compose, retryAfterHeader, toResult, type ErrorAnswer, type HttpEvent, type HttpReply, type HttpRequest } from './http.js';

/**
 * Page routes (`public` or `link`): the shared middlewares, and errors answered with a page in the visitor's language
 * (only page functions carry the pages' words and layout).
 */
const pageError: ErrorAnswer = async (error, event, requestId) => {
  const w = words[localeFromAcceptLanguage(event.headers?.['accept-language'])];
  if (error instanceof LinkNotUsableError) {
    // A dead link that names a firm still shows the firm's name and speaks its language.
    const tenant = error.tenant ?? (error.scope ? await getTenant(error.scope).catch(() => undefined) : undefined);
    const opened = event.requestContext.http.method !== 'POST';
    const page = tenant ? linkNotUsablePage(words[tenant.locale], brandOf(tenant), error, { opened }) : linkNotUsablePage(w, undefined, error, { opened });
    return toResult({ status: 410, page }, requestId);
  }
  if (error instanceof TooManyRequestsError) {
    const result = toResult({ status: 429, page: tooManyPage(w, error.retryAfterSeconds) }, requestId);
    return { ...result, headers: { ...result.headers, ...retryAfterHeader(error) } };
  }
  if (error instanceof ForbiddenError) return toResult({ status: 403, page: refusedPage(w) }, requestId);
  return toResult({ status: error instanceof WaymarkError ? error.status : 500, page: errorPage(w, requestId) }, requestId);
};

export const pageHandler = (fn: (request: HttpRequest) => Promise<HttpReply>) => compose(pageError, fn);

/** The link token of a page's query, checked by the query schema; a missing or malformed one is a dead link. */
export function linkPageToken(event: HttpEvent, purpose: LinkPurpose): string {
  const parsed = linkPageQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw new LinkNotUsableError('malformed', purpose);
  return parsed.data.token;
}

