import * as admin from '../../../shared/contracts/areas/admin.js';
import { revokeInvitation } from '../../../shared/tenancy/staff.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { invitationStep } from './staff-view.js';

/** Revokes a pending invitation (revokeInvitation): its link stops working; another firm's id is a 404. */
export const handler = staffPageHandler(admin.revokeInvitationSubmit, (request) => invitationStep(request, revokeInvitation, 'revoked'));
