import * as admin from '../../../shared/contracts/areas/admin.js';
import { myChangeFromForm, myPageQuerySchema, mySettingsAsForm, mySettingsFormSchema } from '../../../shared/domain/admin-forms.js';
import { myPreferencesPatchSchema } from '../../../shared/domain/coach-digest-schedule.js';
import { effectiveDigest } from '../../../shared/domain/tenant.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { ConflictError, ValidationError } from '../../../shared/errors.js';
import { updateMyPreferences } from '../../../shared/tenancy/digest.js';
import { mySettingsPage, problemsInWords } from '../../../shared/web/admin-pages.js';
import { byMethod, formBody } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { adminWordsOf } from './common.js';

/**
 * The user's own settings (every role): their daily digest and the language of their pages, through
 * updateMyPreferences (the rule of PATCH /v1/me/preferences). After a save the next page is in the chosen language.
 */
export const handler = byMethod({
  GET: staffPageHandler(admin.mySettingsPage, async ({ principal, w, frame, event }) => {
    const a = adminWordsOf(w);
    const query = myPageQuerySchema.safeParse(event.queryStringParameters ?? {});
    const done = query.success ? query.data.done : undefined;
    const { staff, tenant } = principal;
    const page = mySettingsPage(w, a, frame('me'), {
      values: mySettingsAsForm(staff, tenant),
      firmLocale: tenant.locale,
      timeZone: effectiveDigest(staff, tenant).timeZone,
      ...(done ? { notice: done === 'saved' ? a.meSaved : a.unchanged } : {}),
    });
    return { status: 200, page };
  }),
  POST: staffPageHandler(admin.mySettingsSubmit, async ({ principal, w, frame, event, now }) => {
    const a = adminWordsOf(w);
    const { staff, tenant } = principal;
    const form = formBody(event);
    const again = (status: 400 | 409, extra: { problems?: ValidationError['fields']; notice?: string }) => ({
      status,
      page: mySettingsPage(w, a, frame('me'), {
        values: { 'digest.enabled': form['digest.enabled'] !== undefined ? 'on' : '', 'digest.hour': form['digest.hour'] ?? '', locale: form.locale ?? '' },
        firmLocale: tenant.locale,
        timeZone: effectiveDigest(staff, tenant).timeZone,
        ...(extra.notice ? { notice: extra.notice } : {}),
        problems: problemsInWords(a, extra.problems),
      }),
    });
    let patch;
    try {
      parseInput(mySettingsFormSchema, form);
      const change = myChangeFromForm(form, staff, tenant);
      if (Object.keys(change).length === 0) return { status: 303, location: '/app/me?done=unchanged' };
      patch = parseInput(myPreferencesPatchSchema, change);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return again(400, { problems: error.fields });
    }
    try {
      await updateMyPreferences(principal, patch, now);
    } catch (error) {
      if (error instanceof ConflictError) return again(409, { notice: a.meConflict });
      throw error;
    }
    return { status: 303, location: '/app/me?done=saved' };
  }),
});
