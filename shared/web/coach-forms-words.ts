import type { Locale } from '../domain/tenant.js';

/** The words of the coach's forms on a program's page: a self-assessment sent now, the coach's view of a round, a session edited. */
const en = {
  notices: {
    assessmentSent: (client: string) => `A self-assessment is open today; ${client} has the link by email.`,
    assessmentQueued: (client: string) => `A self-assessment is open today; the email to ${client} could not be sent just now and will be retried.`,
    assessmentSentAlready: (client: string) => `${client} was already asked for a self-assessment today; nothing was sent again.`,
    coachView: () => 'Your view of the round is saved. Only staff see it.',
    sessionSaved: () => 'Session saved.',
    sessionArchived: () => 'Session archived: it no longer shows on the program page.',
  } as Record<string, (client: string) => string>,
  askNow: 'Ask for a self-assessment now',
  askNowHint: 'Opens a round today and emails the client the link; once a day at most.',
  roundsTitle: 'Rounds',
  round: (date: string) => `Round of ${date}`,
  clientAnswered: 'the client has answered',
  clientNotYet: 'the client has not answered yet',
  coachViewGiven: 'your view given',
  coachViewLink: 'Your view of this round',
  moreRounds: (n: number) => `${n} earlier round${n === 1 ? '' : 's'} not shown.`,
  // The coach-view form
  coachViewTitle: (date: string) => `Your view of the round of ${date}`,
  coachViewIntro: 'Where do you see the client on each competency? Only staff see your view; leave a competency out if you have none.',
  clientSaid: (stage: string) => `The client said: ${stage}`,
  clientNoAnswer: 'The client has not answered this one.',
  clientNote: (note: string) => `Their note: ${note}`,
  stageOf: (stage: number, name: string) => `Stage ${stage}: ${name}`,
  noView: 'No view this time',
  yourStage: 'Your view',
  note: 'A note (optional)',
  saveView: 'Save my view',
  // The edit-session form
  editTitle: (n: number) => `Edit session ${n}`,
  edit: 'Edit',
  editLabel: (n: number) => `Edit session ${n}`,
  archive: 'Archive this session (recorded by mistake): it no longer shows on the program page',
  saveSession: 'Save the session',
  problems: {
    stage: 'Choose one of the four stages, or “No view this time” and no note.',
    note: 'Keep the note to at most 500 characters, without control characters.',
  } as Record<string, string>,
};

export type CoachFormWords = typeof en;

const de: CoachFormWords = {
  notices: {
    assessmentSent: (client) => `Eine Selbsteinschätzung ist ab heute offen; ${client} hat den Link per E-Mail erhalten.`,
    assessmentQueued: (client) => `Eine Selbsteinschätzung ist ab heute offen; die E-Mail an ${client} konnte jetzt nicht gesendet werden und wird erneut versucht.`,
    assessmentSentAlready: (client) => `${client} wurde heute bereits um eine Selbsteinschätzung gebeten; es wurde nichts erneut gesendet.`,
    coachView: () => 'Ihre Einschätzung der Runde ist gespeichert. Nur Mitarbeitende sehen sie.',
    sessionSaved: () => 'Sitzung gespeichert.',
    sessionArchived: () => 'Sitzung archiviert: Sie erscheint nicht mehr auf der Seite des Programms.',
  },
  askNow: 'Jetzt um eine Selbsteinschätzung bitten',
  askNowHint: 'Öffnet heute eine Runde und sendet der Klientin oder dem Klienten den Link; höchstens einmal pro Tag.',
  roundsTitle: 'Runden',
  round: (date) => `Runde vom ${date}`,
  clientAnswered: 'beantwortet',
  clientNotYet: 'noch nicht beantwortet',
  coachViewGiven: 'Ihre Einschätzung erfasst',
  coachViewLink: 'Ihre Einschätzung dieser Runde',
  moreRounds: (n) => `${n} frühere Runde${n === 1 ? '' : 'n'} nicht angezeigt.`,
  coachViewTitle: (date) => `Ihre Einschätzung der Runde vom ${date}`,
  coachViewIntro: 'Wo sehen Sie die Klientin oder den Klienten bei jeder Kompetenz? Nur Mitarbeitende sehen Ihre Einschätzung; lassen Sie eine Kompetenz aus, wenn Sie keine haben.',
  clientSaid: (stage) => `Selbsteinschätzung: ${stage}`,
  clientNoAnswer: 'Noch keine Antwort der Klientin oder des Klienten.',
  clientNote: (note) => `Notiz: ${note}`,
  stageOf: (stage, name) => `Stufe ${stage}: ${name}`,
  noView: 'Diesmal keine Einschätzung',
  yourStage: 'Ihre Einschätzung',
  note: 'Eine Notiz (optional)',
  saveView: 'Einschätzung speichern',
  editTitle: (n) => `Sitzung ${n} bearbeiten`,
  edit: 'Bearbeiten',
  editLabel: (n) => `Sitzung ${n} bearbeiten`,
  archive: 'Diese Sitzung archivieren (irrtümlich erfasst): Sie erscheint nicht mehr auf der Seite des Programms',
  saveSession: 'Sitzung speichern',
  problems: {
    stage: 'Wählen Sie eine der vier Stufen, oder «Diesmal keine Einschätzung» und keine Notiz.',
    note: 'Die Notiz darf höchstens 500 Zeichen lang sein, ohne Steuerzeichen.',
  },
};

export const coachFormWords = (locale: Locale): CoachFormWords => ({ en, de })[locale];
