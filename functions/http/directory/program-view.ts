import { listSponsorsOf } from '../../../shared/coaching/clients.js';
import type { StaffPrincipal } from '../../../shared/domain/access.js';
import type { FieldIssue } from '../../../shared/errors.js';
import type { AppFrame } from '../../../shared/web/app-layout.js';
import type { AppWords } from '../../../shared/web/app-words.js';
import { formProblems } from '../../../shared/web/directory-parts.js';
import { directoryWords } from '../../../shared/web/directory-words.js';
import { programSettingsPage, PROGRAM_CONTROLS, type ProgramFormInput } from '../../../shared/web/program-settings-page.js';

/** Sponsors a program form offers: the firm's active ones, a hundred at most (a firm has a few dozen). */
const SPONSOR_CHOICES = 100;

/** A program's settings form with the firm's active sponsors to tick (one Query of the sponsors). */
export async function renderProgramForm(principal: StaffPrincipal, w: AppWords, frame: AppFrame, input: Omit<ProgramFormInput, 'sponsors' | 'problems'> & { problems?: readonly FieldIssue[] }) {
  const d = directoryWords(w.lang);
  const sponsors = await listSponsorsOf(principal, { status: 'active', limit: SPONSOR_CHOICES });
  return programSettingsPage(w, d, frame, { ...input, sponsors: sponsors.items, problems: formProblems(w, d, input.problems, PROGRAM_CONTROLS) });
}
