import type { FlowZone } from '../domain/flow.js';
import type { StallReason } from '../domain/coach-digest.js';
import type { AppWords } from './app-words.js';
import { withOwnWords } from './page-words.js';

/** The words of the coach's home (the programs list). */
const en = {
  home: {
    introCoach: 'Your programs. Those that stall come first, for the same reasons as in your daily digest.',
    introManager: 'Every program of the firm. Those that stall come first, for the same reasons as in the coaches’ daily digests.',
    filtersLabel: 'Filter programs',
    search: 'Client name',
    searchHint: 'Part of the name is enough',
    status: 'Status',
    anyStatus: 'Any status',
    statuses: { active: 'active', paused: 'paused', completed: 'completed', archived: 'archived' } as Record<string, string>,
    coach: 'Coach',
    anyCoach: 'Every coach',
    formerStaff: (name: string) => `${name} (former)`,
    stalledOnly: 'Only programs that stall',
    apply: 'Show',
    clear: 'Clear filters',
    tableLabel: 'Programs',
    cols: {
      client: 'Client',
      program: 'Program',
      status: 'Status',
      sessions: 'Sessions',
      activity: 'Last client activity',
      completion: 'Completion',
      obstacles: 'Open obstacles',
      overdue: 'Overdue actions',
      flow: 'Flow checks',
      coach: 'Coach',
      attention: 'Attention',
    },
    /** The zones of the client's flow checks (shared/domain/flow.ts), as a coach reads them. */
    flowZones: { flow: 'in flow', anxiety: 'too hard', boredom: 'too easy', apathy: 'little at stake' } as Record<FlowZone, string>,
    sessionsOf: (held: number, planned: number) => `${held} of ${planned}`,
    lastSession: (date: string) => `last ${date}`,
    nextSession: (date: string) => `next ${date}`,
    never: 'none yet',
    stalls: 'Stalls',
    fine: 'On track',
    notRunning: '–',
    reason: (r: StallReason): string =>
      r.kind === 'inactive'
        ? `no client activity for ${r.days} days`
        : r.kind === 'overdue'
          ? `${r.count} action${r.count === 1 ? '' : 's'} overdue`
          : `no session for ${r.weeks} week${r.weeks === 1 ? '' : 's'}`,
    pageSummary: (shown: number, stalled: number) => `${shown} program${shown === 1 ? '' : 's'} on this page, ${stalled} stalling.`,
    filteredNote: 'The name search and “only programs that stall” look through one page of programs at a time: the next page may hold more.',
    emptyFirm: 'No programs yet: add a client, then start a program for them.',
    addClient: 'Add a client',
    emptyFiltered: 'No program on this page matches these filters.',
    pagerLabel: 'Pages of programs',
    next: 'Next page',
    first: 'First page',
    problems: 'These filters cannot be used. Correct them or clear them.',
  },
  problems: {
    status: 'Choose a status from the list.',
    stalled: 'Tick the box or leave it empty.',
    coach: 'Choose a coach from the list.',
    q: 'Enter up to 100 characters of a name, on one line.',
    cursor: 'This page link is out of date: start again from the first page.',
  } as Record<string, string>,
};

const de: typeof en = {
  home: {
    introCoach: 'Ihre Programme. Programme, die stocken, stehen oben – aus denselben Gründen wie in Ihrer täglichen Übersicht.',
    introManager: 'Alle Programme der Firma. Programme, die stocken, stehen oben – aus denselben Gründen wie in den täglichen Übersichten der Coaches.',
    filtersLabel: 'Programme filtern',
    search: 'Name der Klient:in',
    searchHint: 'Ein Teil des Namens genügt',
    status: 'Status',
    anyStatus: 'Jeder Status',
    statuses: { active: 'aktiv', paused: 'pausiert', completed: 'abgeschlossen', archived: 'archiviert' },
    coach: 'Coach',
    anyCoach: 'Alle Coaches',
    formerStaff: (name) => `${name} (ehemals)`,
    stalledOnly: 'Nur Programme, die stocken',
    apply: 'Anzeigen',
    clear: 'Filter zurücksetzen',
    tableLabel: 'Programme',
    cols: {
      client: 'Klient:in',
      program: 'Programm',
      status: 'Status',
      sessions: 'Sitzungen',
      activity: 'Letzte Aktivität der Klient:in',
      completion: 'Erledigt',
      obstacles: 'Offene Hindernisse',
      overdue: 'Überfällige Aktionen',
      flow: 'Flow-Checks',
      coach: 'Coach',
      attention: 'Beachten',
    },
    flowZones: { flow: 'im Flow', anxiety: 'zu schwer', boredom: 'zu leicht', apathy: 'wenig gefordert' },
    sessionsOf: (held, planned) => `${held} von ${planned}`,
    lastSession: (date) => `zuletzt ${date}`,
    nextSession: (date) => `nächste ${date}`,
    never: 'noch keine',
    stalls: 'Stockt',
    fine: 'Auf Kurs',
    notRunning: '–',
    reason: (r) =>
      r.kind === 'inactive'
        ? `seit ${r.days} Tagen keine Aktivität der Klient:in`
        : r.kind === 'overdue'
          ? `${r.count} Aktion${r.count === 1 ? '' : 'en'} überfällig`
          : `seit ${r.weeks} Woche${r.weeks === 1 ? '' : 'n'} keine Sitzung`,
    pageSummary: (shown, stalled) => `${shown} Programm${shown === 1 ? '' : 'e'} auf dieser Seite, ${stalled} stocken.`,
    filteredNote: 'Die Namenssuche und „Nur Programme, die stocken“ durchsuchen jeweils eine Seite Programme: die nächste Seite kann weitere enthalten.',
    emptyFirm: 'Noch keine Programme: legen Sie eine Klient:in an und starten Sie dann ein Programm für sie.',
    addClient: 'Klient:in anlegen',
    emptyFiltered: 'Kein Programm auf dieser Seite passt zu diesen Filtern.',
    pagerLabel: 'Seiten der Programme',
    next: 'Nächste Seite',
    first: 'Erste Seite',
    problems: 'Diese Filter lassen sich nicht verwenden. Korrigieren oder zurücksetzen.',
  },
  problems: {
    status: 'Wählen Sie einen Status aus der Liste.',
    stalled: 'Kreuzen Sie das Feld an oder lassen Sie es leer.',
    coach: 'Wählen Sie einen Coach aus der Liste.',
    q: 'Geben Sie bis zu 100 Zeichen eines Namens ein, auf einer Zeile.',
    cursor: 'Dieser Seitenlink ist veraltet: beginnen Sie wieder auf der ersten Seite.',
  },
};

export type HomeWords = AppWords & Omit<typeof en, 'problems'>;

export const homeWords = (w: AppWords): HomeWords => withOwnWords(w, { en, de });
