import { PULSE_ANSWERS } from '../domain/pulse.js';
import type { ReportSnapshot } from '../domain/reports.js';
import { pulseLabel, reportDay, reportWords, type ReportWords } from '../email/templates/report-words.js';
import { hidden } from './forms.js';
import { html } from './html.js';
import { words as shared, type Words } from './i18n.js';
import { renderPage, type Brand, type Page } from './layout.js';

/**
 * The pages of the sponsor's pulse: the confirm page an answer link opens (the question, the clicked answer chosen, a
 * button; opening it records nothing, since mail scanners follow links), and the answers to its POST: thanks, or the
 * answer recorded before. The question and the scale's words are the report email's own.
 */
const en = {
  ...shared.en,
  about: (client: string, program: string, from: string, to: string) => `About the progress report on ${client}, “${program}”, from ${from} to ${to}.`,
  confirmButton: 'Send my answer',
  errorSummary: 'Please check:',
  answerProblem: 'Choose an answer from 1 (no change) to 5 (a lot of change).',
  thanksTitle: 'Thank you',
  thanksBody: (answer: string) => `Your answer is recorded: ${answer}. The coach sees it with the program.`,
  alreadyTitle: 'Answered already',
  alreadyBody: (answer: string) => `Your answer to this report was recorded already: ${answer}. The next report asks again.`,
  fullBody: 'This program keeps no more answers, so yours was not recorded. Thank you all the same.',
};

export type PulseWords = typeof en;

const de: PulseWords = {
  ...shared.de,
  about: (client, program, from, to) => `Zum Fortschrittsbericht über ${client}, «${program}», vom ${from} bis ${to}.`,
  confirmButton: 'Antwort senden',
  errorSummary: 'Bitte prüfen Sie:',
  answerProblem: 'Wählen Sie eine Antwort von 1 (keine Veränderung) bis 5 (sehr viel Veränderung).',
  thanksTitle: 'Vielen Dank',
  thanksBody: (answer) => `Ihre Antwort ist festgehalten: ${answer}. Der Coach sieht sie beim Programm.`,
  alreadyTitle: 'Bereits beantwortet',
  alreadyBody: (answer) => `Ihre Antwort zu diesem Bericht wurde bereits festgehalten: ${answer}. Der nächste Bericht fragt wieder.`,
  fullBody: 'Dieses Programm nimmt keine weiteren Antworten auf; Ihre wurde nicht festgehalten. Trotzdem vielen Dank.',
};

const wordsOf = (snapshot: ReportSnapshot): [PulseWords, ReportWords] => [snapshot.locale === 'de' ? de : en, reportWords[snapshot.locale]];

const lastDay = (end: string) => new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Which report the question is about, in the sponsor's words (their email said the same). */
function aboutReport(w: PulseWords, snapshot: ReportSnapshot) {
  const c = snapshot.content;
  return html`<p class="meta">${w.about(c.clientName, c.programTitle, reportDay(snapshot.locale, c.period.start), reportDay(snapshot.locale, lastDay(c.period.end)))}</p>`;
}

/**
 * The confirm page: the question as a group of five radio buttons, `answer` chosen; with a `problem` (an answer that is
 * not on the scale, or another field of the query) none is chosen and the error summary links to the first choice.
 */
export function pulseConfirmPage(brand: Brand, snapshot: ReportSnapshot & { pulse: { subject: string } }, opts: { token: string; answer?: number; problem?: 'answer' | 'other' }): Page {
  const [w, r] = wordsOf(snapshot);
  // Only the answer is the visitor's to fix; anything else wrong with the link's query is said in general words.
  const problem = opts.problem === 'answer' ? w.answerProblem : w.fieldProblem;
  const summary = opts.problem ? html`<div class="errors" role="alert"><p><strong>${w.errorSummary}</strong></p><ul><li><a href="#answer-1">${problem}</a></li></ul></div>` : '';
  const content = html`<h1>${r.pulseTitle}</h1>${summary}${aboutReport(w, snapshot)}
<form method="post" action="/pulse" novalidate>${hidden('token', opts.token)}
<fieldset${opts.problem ? html` aria-describedby="answer-error"` : ''}><legend>${r.pulseQuestion(snapshot.pulse.subject)}</legend>${PULSE_ANSWERS.map(
    (n) => html`<label class="choice" for="answer-${n}"><input type="radio" id="answer-${n}" name="answer" value="${n}"${opts.answer === n ? html` checked` : ''}>${pulseLabel(r, n)}</label>`,
  )}${opts.problem ? html`<p class="error" id="answer-error">${problem}</p>` : ''}</fieldset>
<button type="submit">${w.confirmButton}</button></form>`;
  return renderPage(w as Words, brand, r.pulseTitle, content);
}

/** The answer to the POST: recorded now, recorded before (the first answer stands), or not kept (the program's answers are full). */
export function pulseAnsweredPage(brand: Brand, snapshot: ReportSnapshot, outcome: { result: 'recorded' | 'recorded-already'; answer: number } | { result: 'full' }): Page {
  const [w, r] = wordsOf(snapshot);
  const title = outcome.result === 'recorded-already' ? w.alreadyTitle : w.thanksTitle;
  const body = outcome.result === 'full' ? w.fullBody : outcome.result === 'recorded' ? w.thanksBody(pulseLabel(r, outcome.answer)) : w.alreadyBody(pulseLabel(r, outcome.answer));
  return renderPage(w as Words, brand, title, html`<h1>${title}</h1>${aboutReport(w, snapshot)}<p>${body}</p>`);
}
