import * as tenancy from '../../../shared/contracts/areas/tenancy.js';
import { staffHandler } from '../../middleware/staff.js';

/** The signed-in staff user and their firm. */
export const handler = staffHandler(tenancy.getMe, async ({ principal }) => {
  const { tenant } = principal;
  return {
    status: 200,
    body: {
      user: { userId: principal.userId, email: principal.email, name: principal.name, role: principal.role },
      tenant: { tenantId: tenant.tenantId, name: tenant.name, slug: tenant.slug, timeZone: tenant.timeZone, locale: tenant.locale, branding: tenant.branding },
    },
  };
});
