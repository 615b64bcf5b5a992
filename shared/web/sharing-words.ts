import type { Locale } from '../domain/tenant.js';

/**
 * The words of the client's sharing page, and of its notice on the client's page. The levels themselves are named by
 * the report's words (reportWords[locale].levels), so the page and the report say the same.
 */
const en = {
  title: 'What your sponsor sees',
  intro: 'Your sponsor receives a progress report from your coach. You decide how much of your work it shows, up to what your coach proposes.',
  proposed: (level: string) => `Your coach proposes to share: ${level}.`,
  sharedNow: (level: string, since: string) => `Shared now: ${level} (you agreed on ${since}).`,
  notYet: 'You have not agreed yet, so reports show counts and rates only.',
  pending: 'Your coach proposes to share more than you have agreed to. Nothing more is shared until you agree.',
  chooseTitle: 'Your choice',
  chooseLegend: 'What may your sponsor see?',
  notProposed: 'not proposed by your coach',
  chooseHint: 'You can choose less than your coach proposes, and lower it again at any time. A change applies from the next report.',
  agreeButton: 'Agree to this',
  previewTitle: 'Preview of the next report',
  previewHint: (level: string, sponsor: string | undefined) =>
    `At “${level}”: exactly what ${sponsor ?? 'your sponsor'} would receive if the report were sent now. It is shown in the report’s language.`,
  previewAt: 'Show the preview at:',
  agreed: (level: string) => `Recorded: reports to your sponsor share ${level}, from the next report on.`,
  again: 'This was recorded already; nothing was recorded twice.',
  changed: 'What your coach proposes changed meanwhile (or you agreed in another window). Here it is as it stands now; please choose again.',
  readOnly: 'This program is completed: what your sponsor sees no longer changes.',
  back: 'Back to your page',
  notice: 'Your coach proposes to share more with your sponsor.',
  noticeLink: 'See what, and decide',
  link: 'What your sponsor sees',
  problems: { level: 'Pick one of the levels your coach proposes, or a lower one.' } as Record<string, string>,
};

export type SharingWords = typeof en;

const de: SharingWords = {
  title: 'Was Ihr Sponsor sieht',
  intro: 'Ihr Sponsor erhält von Ihrem Coach einen Fortschrittsbericht. Sie entscheiden, wie viel von Ihrer Arbeit er zeigt, bis zu dem, was Ihr Coach vorschlägt.',
  proposed: (level) => `Ihr Coach schlägt vor zu teilen: ${level}.`,
  sharedNow: (level, since) => `Geteilt wird jetzt: ${level} (Ihr Einverständnis vom ${since}).`,
  notYet: 'Sie haben noch nicht zugestimmt, darum zeigen Berichte nur Zahlen und Quoten.',
  pending: 'Ihr Coach schlägt vor, mehr zu teilen, als Sie zugestimmt haben. Mehr wird erst geteilt, wenn Sie zustimmen.',
  chooseTitle: 'Ihre Wahl',
  chooseLegend: 'Was darf Ihr Sponsor sehen?',
  notProposed: 'von Ihrem Coach nicht vorgeschlagen',
  chooseHint: 'Sie können weniger wählen, als Ihr Coach vorschlägt, und es jederzeit wieder senken. Eine Änderung gilt ab dem nächsten Bericht.',
  agreeButton: 'Zustimmen',
  previewTitle: 'Vorschau des nächsten Berichts',
  previewHint: (level, sponsor) =>
    `Bei «${level}»: genau das, was ${sponsor ?? 'Ihr Sponsor'} erhielte, würde der Bericht jetzt versandt. Er erscheint in der Sprache des Berichts.`,
  previewAt: 'Vorschau zeigen für:',
  agreed: (level) => `Festgehalten: Berichte an Ihren Sponsor teilen ab dem nächsten Bericht ${level}.`,
  again: 'Das war bereits festgehalten; nichts wurde doppelt gespeichert.',
  changed: 'Der Vorschlag Ihres Coachs hat sich inzwischen geändert (oder Sie haben in einem anderen Fenster zugestimmt). So steht es jetzt; bitte wählen Sie noch einmal.',
  readOnly: 'Dieses Programm ist abgeschlossen: Was Ihr Sponsor sieht, ändert sich nicht mehr.',
  back: 'Zurück zu Ihrer Seite',
  notice: 'Ihr Coach schlägt vor, mehr mit Ihrem Sponsor zu teilen.',
  noticeLink: 'Ansehen und entscheiden',
  link: 'Was Ihr Sponsor sieht',
  problems: { level: 'Wählen Sie eine der Stufen, die Ihr Coach vorschlägt, oder eine tiefere.' },
};

export const sharingWords: Record<Locale, SharingWords> = { en, de };
