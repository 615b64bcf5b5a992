import * as admin from '../../../shared/contracts/areas/admin.js';
import { resendInvitation } from '../../../shared/tenancy/staff.js';
import { staffPageHandler } from '../../middleware/staff-pages.js';
import { invitationStep } from './staff-view.js';

/** Sends a pending invitation again with a new link (resendInvitation); another firm's id is a 404. */
export const handler = staffPageHandler(admin.resendInvitationSubmit, (request) => invitationStep(request, resendInvitation, 'resent'));
