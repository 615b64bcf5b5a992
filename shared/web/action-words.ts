import type { Locale } from '../domain/tenant.js';

/** The words of the action forms in the staff web app (adding, changing an action, logging an obstacle). */
const en = {
  addAction: 'Add an action',
  addIntro: (client: string) => `An action ${client} agreed to outside a session. It shows on their page and in their reminders.`,
  add: 'Add the action',
  changeTitle: 'Change the action',
  change: 'Save the change',
  status: 'Status',
  archive: 'Archive the action (it leaves the lists; its history stays)',
  logObstacle: 'Log an obstacle',
  obstacleText: 'What got in the way?',
  category: 'Category',
  log: 'Log the obstacle',
  history: 'History',
  notices: {
    added: 'Action added.',
    changed: 'Action changed.',
    unchanged: 'Nothing to change: every field already had that value.',
    obstacle: 'Obstacle logged; it is on the agenda for the next session.',
  } as Record<string, string>,
  staleTitle: 'The action changed meanwhile',
  stale: 'Someone (the client or a colleague) changed this action after you opened the form. Nothing was saved. Open the action again to see what changed, then make your change.',
  openAgain: 'Open the action again',
  problems: {
    status: 'Choose one of the statuses.',
    text: 'Say what got in the way: at most 1,000 characters, without control characters.',
    category: 'Choose a category.',
  } as Record<string, string>,
};

export type ActionWords = typeof en;

const de: ActionWords = {
  addAction: 'Aktion hinzufügen',
  addIntro: (client: string) => `Eine Aktion, die ${client} außerhalb einer Sitzung vereinbart hat. Sie erscheint auf der Seite und in den Erinnerungen.`,
  add: 'Aktion hinzufügen',
  changeTitle: 'Aktion ändern',
  change: 'Änderung speichern',
  status: 'Status',
  archive: 'Aktion archivieren (sie verschwindet aus den Listen; ihr Verlauf bleibt)',
  logObstacle: 'Hindernis erfassen',
  obstacleText: 'Was ist dazwischengekommen?',
  category: 'Kategorie',
  log: 'Hindernis erfassen',
  history: 'Verlauf',
  notices: {
    added: 'Aktion hinzugefügt.',
    changed: 'Aktion geändert.',
    unchanged: 'Nichts zu ändern: Jedes Feld hatte diesen Wert bereits.',
    obstacle: 'Hindernis erfasst; es steht auf der Agenda der nächsten Sitzung.',
  },
  staleTitle: 'Die Aktion wurde inzwischen geändert',
  stale: 'Jemand (die Klientin, der Klient oder eine Kollegin, ein Kollege) hat diese Aktion geändert, nachdem Sie das Formular geöffnet haben. Nichts wurde gespeichert. Öffnen Sie die Aktion erneut, um die Änderung zu sehen, und ändern Sie sie dann.',
  openAgain: 'Aktion erneut öffnen',
  problems: {
    status: 'Wählen Sie einen der Status.',
    text: 'Beschreiben Sie, was dazwischengekommen ist: höchstens 1000 Zeichen, ohne Steuerzeichen.',
    category: 'Wählen Sie eine Kategorie.',
  },
};

export const actionWords = (locale: Locale): ActionWords => (locale === 'de' ? de : en);
