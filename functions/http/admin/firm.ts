import * as admin from '../../../shared/contracts/areas/admin.js';
import { firmPageQuerySchema, firmSettingsFormSchema, settingsAsForm, settingsChangeFromForm, typedSettings } from '../../../shared/domain/admin-forms.js';
import { settingsPatchSchema } from '../../../shared/domain/tenant.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { ConflictError, ValidationError } from '../../../shared/errors.js';
import { updateSettings } from '../../../shared/tenancy/settings.js';
import { firmSettingsPage, problemsInWords } from '../../../shared/web/admin-pages.js';
import { byMethod, formBody } from '../../middleware/http.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { adminWordsOf } from './common.js';

/**
 * The firm settings page: the form shows the firm as this request read it (with the session, no other read); a save
 * goes through updateSettings (the JSON API's rule: billing-level settings need the owner, the version must still be
 * the one read), held besides to the version the form showed, so a change someone saved meanwhile is never overwritten
 * unseen. "Preview" shows the submitted branding and saves nothing.
 */
export const handler = byMethod({
  GET: staffPageHandler(admin.firmSettingsPage, async ({ principal, w, frame, event }) => {
    const a = adminWordsOf(w);
    const query = firmPageQuerySchema.safeParse(event.queryStringParameters ?? {});
    const done = query.success ? query.data.done : undefined;
    const { tenant } = principal;
    const page = firmSettingsPage(w, a, frame('firm'), { values: settingsAsForm(tenant), owner: principal.role === 'owner', version: tenant.version, tenant, notice: done && a[done] });
    return { status: 200, page };
  }),
  POST: staffPageHandler(admin.firmSettingsSubmit, async ({ principal, w, frame, event, now }) => {
    const a = adminWordsOf(w);
    const { tenant } = principal;
    const owner = principal.role === 'owner';
    const form = formBody(event);
    const again = (status: 200 | 400 | 409, extra: { problems?: ValidationError['fields']; notice?: string; preview?: Parameters<typeof firmSettingsPage>[3]['preview'] }) => ({
      status,
      page: firmSettingsPage(w, a, frame('firm'), { values: typedSettings(form, owner), owner, version: tenant.version, tenant, ...extra, problems: problemsInWords(a, extra.problems) }),
    });
    let patch;
    let intent;
    try {
      intent = parseInput(firmSettingsFormSchema, form).intent;
      const change = settingsChangeFromForm(form, tenant, owner);
      patch = Object.keys(change).length ? parseInput(settingsPatchSchema, change) : undefined;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return again(400, { problems: error.fields });
    }
    if (intent === 'preview') {
      const branding = { ...tenant.branding, ...patch?.branding };
      return again(200, { preview: { displayName: branding.displayName, accentColour: branding.accentColour, logoUrl: branding.logoUrl, fromName: patch?.sender?.fromName ?? tenant.sender.fromName } });
    }
    // The form showed an older version: someone saved meanwhile. Their values stay in the form, now at the new version.
    if (form.version !== String(tenant.version)) return again(409, { notice: a.conflict });
    if (!patch) return { status: 303, location: '/app/firm?done=unchanged' };
    try {
      await updateSettings(principal, patch, now);
    } catch (error) {
      if (error instanceof ConflictError) return again(409, { notice: a.conflict });
      throw error;
    }
    return { status: 303, location: '/app/firm?done=saved' };
  }),
});
