/** Custom attributes of the staff user pool, as they appear in ID tokens. Users cannot write them. */
export const CLAIM_TENANT = 'custom:tenantId';
export const CLAIM_ROLE = 'custom:role';
