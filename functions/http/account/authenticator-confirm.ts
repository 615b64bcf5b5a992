import * as account from '../../../shared/contracts/areas/account.js';
import { authenticatorConfirmFormSchema } from '../../../shared/domain/security.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { ValidationError } from '../../../shared/errors.js';
import { confirmAuthenticator } from '../../../shared/tenancy/authenticator.js';
import { enrolmentPage } from '../../../shared/web/security-page.js';
import { securityWords } from '../../../shared/web/security-words.js';
import { formBody } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';

/** The app's first code: on, then back to the security page; a wrong code shows the same QR code and the message by the field. */
export const handler = staffPageHandler(
  account.authenticatorConfirm,
  async ({ principal, active, w, frame, event, now }) => {
    const form = formBody(event);
    try {
      const input = parseInput(authenticatorConfirmFormSchema, { code: form.code ?? '', secret: form.secret ?? '' });
      await confirmAuthenticator(active, input.code, now);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const sw = securityWords(w);
      // Without a secret of an enrolment in progress there is no QR code to show again: start over.
      if (error.fields?.some((f) => f.field === 'secret')) return { status: 303, location: '/app/security?done=interrupted' };
      return { status: 400, page: enrolmentPage(sw, frame('security'), { email: principal.email, secret: form.secret!.trim(), code: form.code, problems: error.fields }) };
    }
    return { status: 303, location: '/app/security?done=enrolled' };
  },
  { duringEnrolment: true },
);
