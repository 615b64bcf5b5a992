import { levelToShow, openSharingPage, recordSharing, sharingPreview, type SharingView } from '../../../shared/coaching/sharing.js';
import { sponsorIdSchema } from '../../../shared/domain/coaching.js';
import { formFields } from '../../../shared/domain/client-forms.js';
import type { SharingLevel } from '../../../shared/domain/reports.js';
import { sharingFormSchema, sharingPageQuerySchema, type SharingForm } from '../../../shared/domain/sharing-forms.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { reportWords } from '../../../shared/email/templates/report-words.js';
import { ConflictError, ValidationError, type FieldIssue } from '../../../shared/errors.js';
import { newId } from '../../../shared/ids.js';
import { clientWords } from '../../../shared/web/client-words.js';
import { brandOf } from '../../../shared/web/layout.js';
import { sharingPage } from '../../../shared/web/sharing-page.js';
import { sharingWords } from '../../../shared/web/sharing-words.js';
import { assertSameOrigin, formBody, type HttpReply } from '../../middleware/http.js';
import { pageHandler } from '../../middleware/pages.js';
import { freshLinkReply } from './fresh-link.js';

/**
 * The client's sharing page (`link` auth, like the client page). GET shows what the coach proposes, what is shared
 * now and a preview of the next report at a level, and changes nothing; POST records the client's agreement to a
 * level (up to the proposal) and answers with the page saying what was recorded, or the page with what is wrong.
 */
function render(view: SharingView, token: string, now: Date, status: number, extra: { level?: SharingLevel; recorded?: string; problems?: readonly FieldIssue[] } = {}): HttpReply {
  const program = view.collection.program;
  const shown = levelToShow(program, extra.level);
  return {
    status,
    page: sharingPage(clientWords(program.client.locale), brandOf(view.tenant), {
      token,
      program,
      ...(view.sponsor ? { sponsor: { sponsorId: view.sponsor.sponsorId, name: view.sponsor.name } } : {}),
      shown,
      preview: sharingPreview(view, shown, now),
      readOnly: view.readOnly,
      changeId: newId(now.getTime()),
      ...(extra.recorded ? { recorded: extra.recorded } : {}),
      ...(extra.problems ? { problems: extra.problems } : {}),
    }),
  };
}

/** A sponsor id from a refused form, only when it is one (anything else is not looked up). */
const sponsorOf = (value: string | undefined) => (sponsorIdSchema().safeParse(value).success ? value : undefined);

export const handler = pageHandler(async (request) => {
  const { event, now } = request;
  if (event.requestContext.http.method !== 'POST') {
    // A missing or malformed token is a dead link (openClientLink says so); a malformed level or sponsor shows the default.
    const query = sharingPageQuerySchema.safeParse(event.queryStringParameters ?? {});
    const token = event.queryStringParameters?.token ?? '';
    const view = await openSharingPage(token, now, query.success ? query.data.sponsor : undefined);
    return render(view, token, now, 200, query.success && query.data.level ? { level: query.data.level } : {});
  }
  assertSameOrigin(event, { requireProof: false });
  const raw = formBody(event);
  if (raw.intent === 'fresh-link') return freshLinkReply(request);
  let form: SharingForm;
  try {
    form = parseInput(sharingFormSchema, formFields(raw));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const view = await openSharingPage(raw.token ?? '', now, sponsorOf(raw.sponsor));
    return render(view, raw.token ?? '', now, 400, { problems: error.fields ?? [] });
  }
  const view = await openSharingPage(form.token, now, form.sponsor);
  const s = sharingWords[view.collection.program.client.locale];
  try {
    const { recorded, collection } = await recordSharing(view, form, now);
    const levels = reportWords[collection.program.client.locale].levels;
    return render({ ...view, collection }, form.token, now, 200, { level: recorded.level, recorded: recorded.kind === 'again' ? s.again : s.agreed(levels[recorded.level]) });
  } catch (error) {
    if (error instanceof ValidationError) return render(view, form.token, now, 400, { problems: error.fields ?? [] });
    if (!(error instanceof ConflictError)) throw error;
    if (error.reason === 'closed') return render(view, form.token, now, 409, { recorded: s.readOnly });
    // Changed meanwhile (the proposal, or this very form sent twice at once), or the program closed: the page as it stands.
    const fresh = await openSharingPage(form.token, now, form.sponsor);
    const again = fresh.collection.program.sharingConsent?.changeId === form.change;
    return render(fresh, form.token, now, again ? 200 : 409, { recorded: again ? s.again : s.changed });
  }
});
