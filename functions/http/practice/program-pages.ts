import { programCollection, programPageView, visibleProgram } from '../../../shared/coaching/programs.js';
import { getItems } from '../../../shared/db/coaching.js';
import { keys } from '../../../shared/db/keys.js';
import { previewReport } from '../../../shared/coaching/reports.js';
import type { StaffPrincipal } from '../../../shared/domain/access.js';
import type { ProgramCollection } from '../../../shared/domain/program.js';
import { ConflictError } from '../../../shared/errors.js';
import type { AppFrame } from '../../../shared/web/app-layout.js';
import type { AppWords } from '../../../shared/web/app-words.js';
import { programPage, type ProgramPageInput } from '../../../shared/web/program-page.js';
import { programWords } from '../../../shared/web/program-words.js';
import { refusedPage } from '../../../shared/web/session-form-page.js';
import { coachFormWords } from '../../../shared/web/coach-forms-words.js';
import { assessmentState } from '../../../shared/coaching/assessment-rounds.js';
import type { Locale } from '../../../shared/domain/tenant.js';
import type { HttpReply } from '../../middleware/http.js';

/** What the program's pages share: the page from its collection, the way back to it, and a refusal by the program's state. */
export function renderProgramPage(
  w: AppWords,
  frame: AppFrame,
  principal: StaffPrincipal,
  collection: ProgramCollection,
  now: Date,
  extra: Pick<ProgramPageInput, 'resolveProblem' | 'sponsorNames'> & { done?: string } = {},
) {
  const notices = { ...programWords(w.lang as Locale).notices, ...coachFormWords(w.lang as Locale).notices };
  const notice = extra.done ? notices[extra.done]?.(collection.program.client.name) : undefined;
  return programPage(w, frame, {
    view: programPageView(collection, now),
    preview: previewReport(collection, principal.tenant, now),
    timeZone: principal.tenant.timeZone,
    rounds: roundLines(collection, now),
    ...(notice ? { notice } : {}),
    ...(extra.resolveProblem ? { resolveProblem: extra.resolveProblem } : {}),
    ...(extra.sponsorNames ? { sponsorNames: extra.sponsorNames } : {}),
  });
}

/** The program's collection, if the principal may see it (else a 404): the page's one Query. */
export const collectionOf = (principal: StaffPrincipal, programId: string) => programCollection(principal, programId);

/**
 * The program's collection and its sponsors' names, side by side: the program item came with the session's BatchGet
 * (`loadProgram()`), so its sponsor ids are known before the Query. Two round trips in all.
 */
export async function collectionWithSponsors(principal: StaffPrincipal, loaded: readonly Record<string, unknown>[], programId: string) {
  const program = visibleProgram(principal, loaded, programId);
  const [collection, sponsors] = await Promise.all([
    collectionOf(principal, programId),
    getItems(program.sponsorIds.map((id) => keys.sponsor(principal.scope, id))),
  ]);
  return { collection, sponsorNames: new Map(sponsors.map((s) => [String(s.sponsorId), String(s.name)])) };
}

/** Post/Redirect/Get: back to the program page, with what was done as its notice. */
export const backToProgram = (programId: string, done: string): HttpReply => ({ status: 303, location: `/app/programs/${programId}?done=${done}` });

/** Runs a change; a refusal by the program's state (not running, archived client, changed meanwhile) is a 409 page. */
export async function orRefused(w: AppWords, frame: AppFrame, programId: string, change: () => Promise<HttpReply>): Promise<HttpReply> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof ConflictError) return { status: 409, page: refusedPage(w, frame, programId, error.reason) };
    throw error;
  }
}

/** The self-assessment's rounds, newest first: the stored ones and the one open now (stored only once answered). */
function roundLines(collection: ProgramCollection, now: Date) {
  const stored = (collection.assessments ?? []).map((a) => ({ round: a.round, client: !!a.client, coach: !!a.coach }));
  const open = collection.program.competencies.length ? assessmentState(collection, now).open : undefined;
  const all = open && !stored.some((r) => r.round === open.round) ? [...stored, { round: open.round, client: false, coach: false }] : stored;
  return all.sort((a, b) => (a.round < b.round ? 1 : -1));
}
