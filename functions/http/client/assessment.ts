import { assessmentState } from '../../../shared/coaching/assessment-rounds.js';
import { recordClientAssessment } from '../../../shared/coaching/assessments.js';
import { openClientLink, type ClientView } from '../../../shared/coaching/client-page.js';
import { assessmentFormFields, clientAssessmentFormSchema } from '../../../shared/domain/assessments.js';
import { actionsByCompetency } from '../../../shared/domain/competency-actions.js';
import { pulseView } from '../../../shared/domain/pulse.js';
import { sharedLevel } from '../../../shared/domain/reports.js';
import { formFields } from '../../../shared/domain/client-forms.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { ConflictError, ValidationError } from '../../../shared/errors.js';
import { assessmentPage, pageField, type AssessmentPageInput } from '../../../shared/web/assessment-page.js';
import { assessmentWords } from '../../../shared/web/assessment-words.js';
import { brandOf } from '../../../shared/web/layout.js';
import { assertSameOrigin, formBody, type HttpReply } from '../../middleware/http.js';
import { linkPageToken, pageHandler } from '../../middleware/pages.js';

/**
 * The client's self-assessment (`link` auth: the client link's token, in the query for GET, in the form for POST).
 * GET shows the open round and the history and changes nothing; POST saves the client's answers to the round the
 * page showed, and answers with the page again.
 */
const render = (view: ClientView, token: string, now: Date, status: number, extra: Pick<AssessmentPageInput, 'notice' | 'problems'> & { collection?: ClientView['collection'] } = {}): HttpReply => {
  const collection = extra.collection ?? view.collection;
  const state = assessmentState(collection, now);
  const w = assessmentWords(collection.program.client.locale);
  return {
    status,
    page: assessmentPage(w, brandOf(view.tenant), {
      token,
      program: collection.program,
      ...(state.open ? { open: state.open } : {}),
      ...(state.next ? { next: state.next } : {}),
      progress: state.progress.filter((p) => p.points.length),
      competencies: actionsByCompetency(collection.program.competencies, collection.actions),
      // The sponsors' pulse reaches the client only when the client shares everything with them.
      ...(sharedLevel(collection.program) === 'full' ? { pulse: pulseView(collection).answers } : {}),
      readOnly: view.readOnly,
      ...(extra.notice ? { notice: extra.notice } : {}),
      ...(extra.problems ? { problems: extra.problems } : {}),
    }),
  };
};

const problemsOf = (error: ValidationError, values: Record<string, string>) => ({ fields: (error.fields ?? []).map((f) => ({ ...f, field: pageField(f.field) })), values });

export const handler = pageHandler(async ({ event, now }) => {
  if (event.requestContext.http.method !== 'POST') {
    const token = linkPageToken(event, 'client');
    return render(await openClientLink(token, now), token, now, 200);
  }
  assertSameOrigin(event, { requireProof: false });
  const raw = formBody(event);
  const token = raw.token ?? '';
  let form;
  try {
    form = parseInput(clientAssessmentFormSchema, assessmentFormFields(formFields(raw)));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    // The page again with what is wrong, if the token still opens it; nothing written.
    return render(await openClientLink(token, now), token, now, 400, { problems: problemsOf(error, raw) });
  }
  const view = await openClientLink(form.token, now);
  if (view.readOnly) throw new ConflictError('This program is completed; its page can be read, not changed');
  try {
    const { collection } = await recordClientAssessment(view, form, now);
    return render(view, form.token, now, 200, { collection, notice: assessmentWords(view.collection.program.client.locale).assessment.saved });
  } catch (error) {
    if (error instanceof ValidationError) return render(view, form.token, now, 400, { problems: problemsOf(error, raw) });
    if (error instanceof ConflictError) {
      const fresh = await openClientLink(form.token, now);
      return render(fresh, form.token, now, 409, { notice: assessmentWords(fresh.collection.program.client.locale).assessment.closed });
    }
    throw error;
  }
});
