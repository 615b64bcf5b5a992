import { coachDigestPolicy, stallReasons } from '../domain/coach-digest.js';
import type { Program } from '../domain/coaching.js';
import { completionOfCounters, overdueCount } from '../domain/program.js';
import type { Tenant } from '../domain/tenant.js';
import { renderAppPage, type AppFrame } from './app-layout.js';
import type { AppWords } from './app-words.js';
import { html } from './html.js';
import type { Page } from './layout.js';

/** The coach's home: every program with what needs attention, the stalled ones first (the digest's rule). */
export function homePage(w: AppWords, frame: AppFrame, input: { programs: readonly Program[]; tenant: Tenant; now: Date }): Page {
  const policy = coachDigestPolicy(input.tenant);
  const rows = input.programs
    .map((p) => ({ p, stalls: stallReasons(p, policy, input.now) }))
    .sort((a, b) => Number(b.stalls.length > 0) - Number(a.stalls.length > 0));
  const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)} %`);
  return renderAppPage(
    w,
    frame,
    w.nav.home,
    html`<h1>${w.nav.home}</h1>
<div class="scroll"><table><thead><tr><th scope="col">Client</th><th scope="col">Program</th><th scope="col">Completion</th><th scope="col">Open obstacles</th><th scope="col">Overdue</th></tr></thead><tbody>${rows.map(
      ({ p, stalls }) =>
        html`<tr><td>${p.client.name}${stalls.length ? html` <span class="flag">(stalled)</span>` : ''}</td><td><a href="/app/programs/${p.programId}">${p.title}</a></td><td>${percent(completionOfCounters(p).rate)}</td><td>${p.obstaclesOpen}</td><td>${overdueCount(p, input.now)}</td></tr>`,
    )}</tbody></table></div>`,
  );
}
