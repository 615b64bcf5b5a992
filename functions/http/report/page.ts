import { openReportLink } from '../../../shared/coaching/report-link.js';
import { brandOf } from '../../../shared/web/layout.js';
import { reportPage } from '../../../shared/web/report-page.js';
import { linkPageToken, pageHandler } from '../../middleware/pages.js';

/** The web version of a sponsor report (`link` auth): the snapshot its link names, read only. */
export const handler = pageHandler(async ({ event, now }) => {
  const { tenant, snapshot } = await openReportLink(linkPageToken(event, 'sponsor-report'), now);
  return { status: 200, page: reportPage(brandOf(tenant), snapshot) };
});
