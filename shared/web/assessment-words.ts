import type { Locale } from '../domain/tenant.js';
import type { Stage } from '../domain/assessments.js';
import { clientWords, type ClientWords } from './client-words.js';

/**
 * The four stages of competence in plain words, and the words of the client's self-assessment page. The stages'
 * names are the client's own voice ("I didn't know I couldn't"), each with one sentence saying what it feels like.
 */
export const STAGE_WORDS: Record<Locale, Record<Stage, { name: string; plain: string }>> = {
  en: {
    1: { name: 'I didn’t know I couldn’t', plain: 'I had not noticed this was a gap, or did not see why it matters.' },
    2: { name: 'I know I can’t yet', plain: 'I see the gap and why it matters; I am trying, and mistakes are part of it.' },
    3: { name: 'I can, with effort', plain: 'I can do it when I concentrate and think it through step by step.' },
    4: { name: 'I do it without thinking', plain: 'It has become second nature; I could teach it to someone else.' },
  },
  de: {
    1: { name: 'Ich wusste nicht, dass ich es nicht kann', plain: 'Mir war die Lücke nicht bewusst, oder ich sah nicht, warum sie zählt.' },
    2: { name: 'Ich weiss, dass ich es noch nicht kann', plain: 'Ich sehe die Lücke und warum sie zählt; ich übe, und Fehler gehören dazu.' },
    3: { name: 'Ich kann es, mit Mühe', plain: 'Ich kann es, wenn ich mich konzentriere und Schritt für Schritt vorgehe.' },
    4: { name: 'Ich tue es, ohne nachzudenken', plain: 'Es ist mir in Fleisch und Blut übergegangen; ich könnte es anderen beibringen.' },
  },
};

const en = {
  assessment: {
    title: 'Your self-assessment',
    intro: 'Every few weeks you look at where you stand on each competency of your program. It takes three minutes, and over time it shows how far you have come. Your coach sees your answers.',
    openTitle: 'Where do you stand today?',
    openSince: (date: string) => `Open since ${date}.`,
    changeUntil: (date: string) => `You can change your answers until ${date}, when the next one opens.`,
    changeAnyTime: 'You can change your answers until the next one opens.',
    answeredAt: (date: string) => `You answered on ${date}; change anything and save again.`,
    pickStage: 'Which stage fits now?',
    note: 'A note (optional): what makes you say so?',
    save: 'Save my answers',
    saved: 'Saved. Thank you: your coach sees your answers before your next session.',
    closed: 'This self-assessment has closed meanwhile; here is the one open now.',
    noneOpen: 'No self-assessment is open right now.',
    nextOn: (date: string) => `The next one opens on ${date}; your reminder email will say so.`,
    noCompetencies: 'Your program names no competencies to assess yet; your coach adds them.',
    readOnly: 'This program takes no more changes. Your answers stay here to look back on.',
    historyTitle: 'How it has moved',
    historyEmpty: 'Your first answers will show here.',
    linkedActions: (done: number, total: number) => `Your actions for it: ${done} of ${total} done.`,
    pulseTitle: 'What your sponsor observed',
    pulseIntro: 'Each report asks your sponsor how much change they have seen since the last one, from 1 (none) to 5 (a lot). You share everything with them, so you see their answers too.',
    pulseAnswer: (date: string, subject: string, answer: number) => `Report of ${date}, on “${subject}”: ${answer} of 5`,
    stageOf: (stage: number, name: string) => `Stage ${stage}: ${name}`,
    back: 'Back to your actions',
  },
};

const de: typeof en = {
  assessment: {
    title: 'Ihre Selbsteinschätzung',
    intro: 'Alle paar Wochen schauen Sie, wo Sie bei jeder Kompetenz Ihres Programms stehen. Das dauert drei Minuten und zeigt mit der Zeit, wie weit Sie gekommen sind. Ihr Coach sieht Ihre Antworten.',
    openTitle: 'Wo stehen Sie heute?',
    openSince: (date) => `Offen seit ${date}.`,
    changeUntil: (date) => `Sie können Ihre Antworten bis ${date} ändern; dann beginnt die nächste.`,
    changeAnyTime: 'Sie können Ihre Antworten ändern, bis die nächste beginnt.',
    answeredAt: (date) => `Sie haben am ${date} geantwortet; ändern Sie, was Sie möchten, und speichern Sie erneut.`,
    pickStage: 'Welche Stufe passt jetzt?',
    note: 'Eine Notiz (freiwillig): Woran machen Sie das fest?',
    save: 'Antworten speichern',
    saved: 'Gespeichert. Danke: Ihr Coach sieht Ihre Antworten vor der nächsten Sitzung.',
    closed: 'Diese Selbsteinschätzung ist inzwischen geschlossen; hier ist die aktuelle.',
    noneOpen: 'Zurzeit ist keine Selbsteinschätzung offen.',
    nextOn: (date) => `Die nächste beginnt am ${date}; Ihre Erinnerungs-E-Mail sagt es Ihnen.`,
    noCompetencies: 'Ihr Programm nennt noch keine Kompetenzen zum Einschätzen; Ihr Coach ergänzt sie.',
    readOnly: 'Dieses Programm nimmt keine Änderungen mehr an. Ihre Antworten bleiben hier zum Nachlesen.',
    historyTitle: 'Wie es sich entwickelt hat',
    historyEmpty: 'Ihre ersten Antworten erscheinen hier.',
    linkedActions: (done, total) => `Ihre Schritte dazu: ${done} von ${total} erledigt.`,
    pulseTitle: 'Was Ihr Sponsor beobachtet hat',
    pulseIntro: 'Jeder Bericht fragt Ihren Sponsor, wie viel Veränderung er seit dem letzten gesehen hat, von 1 (keine) bis 5 (viel). Sie teilen alles mit ihm, darum sehen Sie auch seine Antworten.',
    pulseAnswer: (date, subject, answer) => `Bericht vom ${date}, zu «${subject}»: ${answer} von 5`,
    stageOf: (stage, name) => `Stufe ${stage}: ${name}`,
    back: 'Zurück zu Ihren Schritten',
  },
};

const problems: Record<Locale, Record<string, string>> = {
  en: { stage: 'Pick the stage that fits now.', note: 'Keep the note under 500 characters.', round: 'This self-assessment has closed; reload the page.' },
  de: { stage: 'Wählen Sie die Stufe, die jetzt passt.', note: 'Halten Sie die Notiz unter 500 Zeichen.', round: 'Diese Selbsteinschätzung ist geschlossen; laden Sie die Seite neu.' },
};

export type AssessmentWords = ClientWords & typeof en & { stages: (typeof STAGE_WORDS)[Locale]; fieldProblems: Record<string, string> };

export const assessmentWords = (locale: Locale): AssessmentWords => ({ ...clientWords(locale), ...{ en, de }[locale], stages: STAGE_WORDS[locale], fieldProblems: problems[locale] });
