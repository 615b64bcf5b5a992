import { invitationAcceptSchema } from '../../../shared/domain/staff.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { ValidationError } from '../../../shared/errors.js';
import { acceptInvitation, invitationLinkContext } from '../../../shared/tenancy/staff.js';
import { staffWords } from '../../../shared/web/staff-words.js';
import { acceptInvitationPage, invitationAcceptedPage } from '../../../shared/web/pages.js';
import { brandOf } from '../../../shared/web/layout.js';
import { assertSameOrigin, formBody } from '../../middleware/http.js';
import { linkPageToken, pageHandler } from '../../middleware/pages.js';

/**
 * The page an invitation link opens (`link` auth). GET shows the form (the name as invited, editable) and changes
 * nothing; POST creates the account, or shows the form again with what is wrong and the name as typed.
 */
export const handler = pageHandler(async ({ event, log, now, appUrl }) => {
  if (event.requestContext.http.method !== 'POST') {
    const token = linkPageToken(event, 'invitation');
    const { tenant, invitation } = await invitationLinkContext(token, now);
    return { status: 200, page: acceptInvitationPage(staffWords(tenant.locale), brandOf(tenant), { email: invitation.email, name: invitation.name, token }) };
  }
  assertSameOrigin(event, { requireProof: false });
  const form = formBody(event);
  try {
    const input = parseInput(invitationAcceptSchema, { token: form.token ?? '', password: form.password ?? '', ...(form.name ? { name: form.name } : {}) });
    const { staff, tenant } = await acceptInvitation(input, { now, appUrl, log });
    return { status: 200, page: invitationAcceptedPage(staffWords(tenant.locale), brandOf(tenant), staff.email) };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const { tenant, invitation } = await invitationLinkContext(form.token ?? '', now);
    return {
      status: 400,
      page: acceptInvitationPage(staffWords(tenant.locale), brandOf(tenant), { email: invitation.email, name: form.name ?? invitation.name, token: form.token ?? '', problems: error.fields }),
    };
  }
});
