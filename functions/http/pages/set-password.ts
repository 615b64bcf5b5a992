import { setPasswordSchema } from '../../../shared/domain/auth.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { ValidationError } from '../../../shared/errors.js';
import { setPasswordLinkContext, setPasswordWithLink } from '../../../shared/tenancy/passwords.js';
import { staffWords } from '../../../shared/web/staff-words.js';
import { passwordSetPage, setPasswordPage } from '../../../shared/web/pages.js';
import { brandOf } from '../../../shared/web/layout.js';
import { assertSameOrigin, formBody } from '../../middleware/http.js';
import { linkPageToken, pageHandler } from '../../middleware/pages.js';

/**
 * The page a welcome or reset link opens (`link` auth: the token is the credential, in the query for GET and in the
 * form for POST). GET shows the form and changes nothing; POST sets the password, or shows the form again with what
 * is wrong. A dead link is the 410 page, which offers a fresh link.
 */
export const handler = pageHandler(async ({ event, log, now }) => {
  if (event.requestContext.http.method !== 'POST') {
    const token = linkPageToken(event, 'set-password');
    const { tenant, staff } = await setPasswordLinkContext(token, now);
    return { status: 200, page: setPasswordPage(staffWords(tenant.locale), brandOf(tenant), { email: staff.email, token }) };
  }
  assertSameOrigin(event, { requireProof: false });
  const form = formBody(event);
  try {
    const input = parseInput(setPasswordSchema, { token: form.token ?? '', password: form.password ?? '' });
    const { email, tenant } = await setPasswordWithLink(input, { now, log });
    return { status: 200, page: passwordSetPage(staffWords(tenant.locale), brandOf(tenant), email) };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const { tenant, staff } = await setPasswordLinkContext(form.token ?? '', now);
    return { status: 400, page: setPasswordPage(staffWords(tenant.locale), brandOf(tenant), { email: staff.email, token: form.token ?? '', problems: error.fields }) };
  }
});
