import { UNDO_MINUTES } from '../../../shared/coaching/actions.js';
import { formKeys, openClientLink, recordClientForm, setReminderPreferences, type ClientView, type Recorded } from '../../../shared/coaching/client-page.js';
import { clientFormSchema, clientPageQuerySchema, formFields, type ClientForm } from '../../../shared/domain/client-forms.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../../shared/errors.js';
import { newId } from '../../../shared/ids.js';
import { clientPage, type ClientPageInput } from '../../../shared/web/client-page.js';
import { clientWords, type ClientWords as Words } from '../../../shared/web/client-words.js';
import { brandOf } from '../../../shared/web/layout.js';
import { assertSameOrigin, formBody, type HttpReply } from '../../middleware/http.js';
import { pageHandler } from '../../middleware/pages.js';
import { freshLinkReply } from './fresh-link.js';

/**
 * The client's page (`link` auth: the token is the credential, in the query for GET, in the form for POST). GET
 * shows the page and changes nothing; each POST is one form of the page: recorded once, answered with the page
 * saying what was recorded (and offering to undo it), or the page again with what is wrong with the form.
 */
const wordsOf = (view: ClientView): Words => clientWords(view.collection.program.client.locale);

const render = (view: ClientView, token: string, now: Date, status: number, extra: Pick<ClientPageInput, 'recorded' | 'problems' | 'focus'> & { collection?: ClientView['collection'] } = {}): HttpReply => ({
  status,
  page: clientPage(wordsOf(view), brandOf(view.tenant), { token, collection: extra.collection ?? view.collection, readOnly: view.readOnly, now, newChangeId: () => newId(now.getTime()), ...extra }),
});

/** The form a problem belongs to on the page: the add form, an action's edit form, or an action's mark form. */
const formName = (form: Record<string, string>): string =>
  form.intent === 'add' ? 'add' : form.intent === 'preferences' ? 'preferences' : form.intent === 'edit' ? `edit-${form.action ?? ''}` : (form.action ?? 'add');

function recordedMessage(w: Words, recorded: Recorded): string {
  const c = w.client.recorded;
  switch (recorded.kind) {
    case 'added':
      return c.added(recorded.action.title);
    case 'edited':
      return c.edited(recorded.action.title);
    case 'marked':
      return c.marked(recorded.action.title, w.client.status[recorded.action.status]!);
    case 'undone':
      return c.undone(recorded.action.title);
    case 'again':
      return c.again;
  }
}

export const handler = pageHandler(async (request) => {
  const { event, now } = request;
  if (event.requestContext.http.method !== 'POST') {
    const query = clientPageQuerySchema.safeParse(event.queryStringParameters ?? {});
    // A missing or malformed token is a dead link (openClientLink says so); a malformed action id just shows the page.
    const token = event.queryStringParameters?.token ?? '';
    const view = await openClientLink(token, now);
    return render(view, token, now, 200, query.success && query.data.action ? { focus: query.data.action } : {});
  }
  assertSameOrigin(event, { requireProof: false });
  const raw = formBody(event);
  if (raw.intent === 'fresh-link') return freshLinkReply(request);
  const fields = formFields(raw);
  let form: Exclude<ClientForm, { intent: 'fresh-link' }>;
  try {
    form = parseInput(clientFormSchema, fields) as typeof form;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    // The page again with what is wrong, if the token still opens it.
    const view = await openClientLink(raw.token ?? '', now);
    return render(view, raw.token ?? '', now, 400, { problems: { form: formName(raw), fields: error.fields ?? [], values: fields } });
  }
  const view = await openClientLink(form.token, now, formKeys(form));
  if (form.intent === 'preferences') {
    // How often reminders come is the client's to say even when the program takes no more changes.
    const preferences = { reminders: form.reminders, hour: form.hour };
    await setReminderPreferences(view, preferences, now);
    const collection = { ...view.collection, program: { ...view.collection.program, client: { ...view.collection.program.client, emailPreferences: preferences } } };
    return render(view, form.token, now, 200, { collection, recorded: { message: wordsOf(view).client.preferencesSaved(preferences.reminders, preferences.hour) } });
  }
  if (view.readOnly) throw new ConflictError('This program is completed; its page can be read, not changed');
  try {
    const { recorded, collection } = await recordClientForm(view, form, now);
    const undo = recorded.change?.undoUntil && recorded.kind !== 'undone' ? { changeId: recorded.change.changeId, actionId: recorded.action.actionId, minutes: UNDO_MINUTES } : undefined;
    return render(view, form.token, now, 200, { collection, recorded: { message: recordedMessage(wordsOf(view), recorded), ...(undo ? { undo } : {}) } });
  } catch (error) {
    if (error instanceof ValidationError) return render(view, form.token, now, 400, { problems: { form: formName(raw), fields: error.fields ?? [], values: fields } });
    // Not the client's to change, or changed meanwhile: the page as it stands, saying so.
    if (error instanceof ConflictError || error instanceof ForbiddenError) {
      const fresh = await openClientLink(form.token, now);
      const refused = wordsOf(fresh).client.refused;
      return render(fresh, form.token, now, error.status, { recorded: { message: (error.reason && refused[error.reason]) || refused.changed! } });
    }
    throw error;
  }
});
