import type { ActionStatus, ObstacleCategory } from '../../domain/coaching.js';
import type { ReportContent } from '../../domain/reports.js';
import type { Locale } from '../../domain/tenant.js';

/** The words of a sponsor report, in its email and on its web version (a module of its own: the page needs no email code). */
export interface ReportWords {
  subject: (client: string, program: string) => string;
  copySubject: (sponsor: string, client: string) => string;
  hello: (name: string) => string;
  intro: (client: string, program: string, from: string, to: string) => string;
  copyIntro: (sponsor: string) => string;
  sessionsTitle: string;
  sessions: (inPeriod: number, soFar: number, planned: number) => string;
  actionsTitle: string;
  thisPeriod: string;
  overall: string;
  captured: string;
  done: string;
  partly: string;
  notDone: string;
  open: string;
  trendTitle: string;
  trendHint: string;
  noneDecided: string;
  since: (date: string) => string;
  actionTitlesTitle: string;
  status: Record<ActionStatus, string>;
  stagesTitle: string;
  stage: Record<1 | 2 | 3 | 4, string>;
  /** A competency's stage now, and where it started when there was an earlier self-assessment. */
  stageNow: (stage: number) => string;
  movedFrom: (first: number, stage: number) => string;
  obstaclesTitle: string;
  category: Record<ObstacleCategory, string>;
  reflectionsTitle: string;
  noneInPeriod: string;
  webVersion: string;
  footer: (firm: string) => string;
  pageTitle: string;
  sharedAs: (level: string) => string;
  levels: Record<ReportContent['sharingLevel'], string>;
  /** The sponsor's one question (the pulse), asked in the email and on its confirm page. */
  pulseTitle: string;
  pulseQuestion: (subject: string) => string;
  pulseHint: string;
  pulseLow: string;
  pulseHigh: string;
}

export const reportWords: Record<Locale, ReportWords> = {
  en: {
    subject: (client, program) => `Progress report: ${client}, ${program}`,
    copySubject: (sponsor, client) => `Copy: the progress report to ${sponsor} about ${client}`,
    hello: (name) => `Hello ${name},`,
    intro: (client, program, from, to) => `This is how ${client} progressed in “${program}” from ${from} to ${to}.`,
    copyIntro: (sponsor) => `This is a copy of the report ${sponsor} received.`,
    sessionsTitle: 'Sessions',
    sessions: (inPeriod, soFar, planned) => `${inPeriod} in this period; ${soFar} of ${planned} planned so far.`,
    actionsTitle: 'Micro actions',
    thisPeriod: 'This period',
    overall: 'Whole program',
    captured: 'captured',
    done: 'done',
    partly: 'partly done',
    notDone: 'not done',
    open: 'open',
    trendTitle: 'Completion by period',
    trendHint: 'Done, plus half of partly done, of the actions decided in each period.',
    noneDecided: 'none decided',
    since: (date) => `from ${date}`,
    actionTitlesTitle: 'Actions of this period',
    status: { open: 'open', done: 'done', partly: 'partly done', not_done: 'not done', dropped: 'dropped' },
    stagesTitle: 'Stages of competence',
    stage: { 1: 'unaware of the gap', 2: 'aware, learning', 3: 'able, with effort', 4: 'natural' },
    stageNow: (stage) => `stage ${stage} of 4`,
    movedFrom: (first, stage) => `stage ${first} → ${stage} of 4`,
    obstaclesTitle: 'Obstacles',
    category: { time: 'time', energy: 'energy', skill: 'skill', support: 'support', environment: 'environment', other: 'other' },
    reflectionsTitle: 'Reflections',
    noneInPeriod: 'None in this period.',
    webVersion: 'Open this report in the browser',
    footer: (firm) => `${firm} sends this report through Waymark, with what the client agreed to share.`,
    pageTitle: 'Progress report',
    sharedAs: (level) => `Shared with you: ${level}.`,
    levels: { metrics: 'counts and rates', actions: 'counts and action titles', assessments: 'counts, action titles and stages of competence', full: 'counts, actions, obstacles and reflections' },
    pulseTitle: 'One question',
    pulseQuestion: (subject) => `Since the last report, how much change have you observed in ${subject}?`,
    pulseHint: 'Answer with one click; a page then asks you to confirm.',
    pulseLow: 'no change',
    pulseHigh: 'a lot of change',
  },
  de: {
    subject: (client, program) => `Fortschrittsbericht: ${client}, ${program}`,
    copySubject: (sponsor, client) => `Kopie: der Fortschrittsbericht an ${sponsor} über ${client}`,
    hello: (name) => `Hallo ${name},`,
    intro: (client, program, from, to) => `So ist ${client} in «${program}» vom ${from} bis ${to} vorangekommen.`,
    copyIntro: (sponsor) => `Dies ist eine Kopie des Berichts, den ${sponsor} erhalten hat.`,
    sessionsTitle: 'Sitzungen',
    sessions: (inPeriod, soFar, planned) => `${inPeriod} in diesem Zeitraum; bisher ${soFar} von ${planned} geplanten.`,
    actionsTitle: 'Mikro-Schritte',
    thisPeriod: 'Dieser Zeitraum',
    overall: 'Ganzes Programm',
    captured: 'festgehalten',
    done: 'erledigt',
    partly: 'teilweise erledigt',
    notDone: 'nicht erledigt',
    open: 'offen',
    trendTitle: 'Erledigung nach Zeitraum',
    trendHint: 'Erledigt, plus die Hälfte der teilweise erledigten, von den im Zeitraum entschiedenen Schritten.',
    noneDecided: 'keine entschieden',
    since: (date) => `ab ${date}`,
    actionTitlesTitle: 'Schritte dieses Zeitraums',
    status: { open: 'offen', done: 'erledigt', partly: 'teilweise erledigt', not_done: 'nicht erledigt', dropped: 'verworfen' },
    stagesTitle: 'Kompetenzstufen',
    stage: { 1: 'Lücke noch unbewusst', 2: 'bewusst, am Lernen', 3: 'kann es, mit Mühe', 4: 'selbstverständlich' },
    stageNow: (stage) => `Stufe ${stage} von 4`,
    movedFrom: (first, stage) => `Stufe ${first} → ${stage} von 4`,
    obstaclesTitle: 'Hindernisse',
    category: { time: 'Zeit', energy: 'Energie', skill: 'Können', support: 'Unterstützung', environment: 'Umfeld', other: 'Anderes' },
    reflectionsTitle: 'Reflexionen',
    noneInPeriod: 'Keine in diesem Zeitraum.',
    webVersion: 'Diesen Bericht im Browser öffnen',
    footer: (firm) => `${firm} sendet diesen Bericht über Waymark, mit dem, was die Klientin oder der Klient zu teilen vereinbart hat.`,
    pageTitle: 'Fortschrittsbericht',
    sharedAs: (level) => `Mit Ihnen geteilt: ${level}.`,
    levels: { metrics: 'Zahlen und Quoten', actions: 'Zahlen und Titel der Schritte', assessments: 'Zahlen, Titel der Schritte und Kompetenzstufen', full: 'Zahlen, Schritte, Hindernisse und Reflexionen' },
    pulseTitle: 'Eine Frage',
    pulseQuestion: (subject) => `Wie viel Veränderung haben Sie seit dem letzten Bericht bei ${subject} beobachtet?`,
    pulseHint: 'Antworten Sie mit einem Klick; eine Seite bittet Sie dann um Bestätigung.',
    pulseLow: 'keine Veränderung',
    pulseHigh: 'sehr viel Veränderung',
  },
};

/** A calendar day in the reader's language. */
export const reportDay = (locale: Locale, date: string) =>
  new Intl.DateTimeFormat(locale === 'de' ? 'de-CH' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));


/** A competency's line in a report: its stage now in words, and the move since the first self-assessment. */
export const stageMovement = (w: ReportWords, s: { stage: 1 | 2 | 3 | 4; firstStage?: 1 | 2 | 3 | 4 }): string =>
  `${s.firstStage !== undefined ? w.movedFrom(s.firstStage, s.stage) : w.stageNow(s.stage)} · ${w.stage[s.stage]}`;

/** An answer of the pulse's scale as it is labelled: its number, and at both ends what it means ("1 no change"). */
export const pulseLabel = (w: ReportWords, answer: number): string => (answer === 1 ? `1 ${w.pulseLow}` : answer === 5 ? `5 ${w.pulseHigh}` : String(answer));
