import { clientWords } from '../../../shared/web/client-words.js';
import { freshLinkSentPage } from '../../../shared/web/client-page.js';
import { localeFromAcceptLanguage } from '../../../shared/web/i18n.js';
import type { HttpReply, HttpRequest } from '../../middleware/http.js';

/**
 * "Email me a fresh link" from the page of a dead client link (the client page's or the sharing page's): the form
 * posts to the page's own address, whose query holds the token. The same answer whatever the token.
 */
export async function freshLinkReply({ event, now, appUrl, log }: HttpRequest): Promise<HttpReply> {
  // Loaded when asked for: the page's first click, often a cold start, does not pay for the email path.
  const { sendFreshClientLink } = await import('../../../shared/coaching/fresh-link.js');
  await sendFreshClientLink(event.queryStringParameters?.token ?? '', event.requestContext.http.sourceIp, { now, appUrl, log });
  return { status: 200, page: freshLinkSentPage(clientWords(localeFromAcceptLanguage(event.headers?.['accept-language'])), undefined) };
}
