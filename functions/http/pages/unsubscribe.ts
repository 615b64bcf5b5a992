import { unsubscribeFormSchema, unsubscribeQuerySchema } from '../../../shared/domain/unsubscribe.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { unsubscribe, unsubscribeLinkContext } from '../../../shared/email/opt-out.js';
import { LinkNotUsableError } from '../../../shared/links/tokens.js';
import { brandOf } from '../../../shared/web/layout.js';
import { unsubscribeConfirmPage, unsubscribedPage, unsubscribeWords } from '../../../shared/web/unsubscribe-page.js';
import { formBody, type HttpEvent } from '../../middleware/http.js';
import { linkPageToken, pageHandler } from '../../middleware/pages.js';

/**
 * The page an unsubscribe link opens (`link` auth: the token is the credential). GET shows a confirm button and
 * changes nothing. POST unsubscribes: a mail server's RFC 8058 one-click (`List-Unsubscribe=One-Click`, the token in
 * the URL) comes from another site by design and carries no ambient credential, so it is authenticated by the token
 * alone, not by same-origin rules; the confirm form posts the same field with the token in the body.
 */
/**
 * RFC 8058 lets a mail server send the one-click body as multipart/form-data too: its text fields, as a form would
 * have them (anything else goes to formBody, which takes the page's own urlencoded form or answers 415).
 */
function oneClickFields(event: HttpEvent): Record<string, string> {
  const boundary = /^multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(event.headers?.['content-type'] ?? '')?.[1];
  if (!boundary) return formBody(event);
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  const fields: Record<string, string> = {};
  for (const part of raw.split(`--${boundary}`)) {
    const match = /^\r\nContent-Disposition: form-data; name="([^"]+)"\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n$/i.exec(part);
    if (match) fields[match[1]!] = match[2]!;
  }
  return fields;
}

export const handler = pageHandler(async ({ event, now }) => {
  if (event.requestContext.http.method !== 'POST') {
    const token = linkPageToken(event, 'unsubscribe');
    const ctx = await unsubscribeLinkContext(token, now);
    return { status: 200, page: unsubscribeConfirmPage(unsubscribeWords(ctx.tenant.locale), brandOf(ctx.tenant), { list: ctx.link.list, token }) };
  }
  const query = parseInput(unsubscribeQuerySchema, event.queryStringParameters ?? {}, 'query');
  const form = parseInput(unsubscribeFormSchema, oneClickFields(event));
  const token = form.token ?? query.token;
  if (!token) throw new LinkNotUsableError('malformed', 'unsubscribe');
  const ctx = await unsubscribeLinkContext(token, now);
  await unsubscribe(ctx, now);
  return { status: 200, page: unsubscribedPage(unsubscribeWords(ctx.tenant.locale), brandOf(ctx.tenant), ctx.link.list) };
});
