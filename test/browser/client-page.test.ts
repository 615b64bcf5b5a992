import type { Locator, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/api.js';
import { axeViolations, cspViolations, DESKTOP, PHONE, SCREENSHOT_DIR, useBrowser } from '../support/browser.js';
import { clientRequest, createProgram, formOn, programItems, type ProgramFixture } from '../support/coaching.js';
import { createFirm, type FirmFixture } from '../support/firms.js';

/**
 * The client's page behind the emailed link, in Chromium with JavaScript off, as a client uses it: at a phone's and
 * a desktop's width, in English and German, with a program of some history; then the story of one week (add two
 * actions, mark one done, one not done with an obstacle, undo and redo) and a form that is wrong.
 */
const api = useApi();
const browser = useBrowser();

const MAX_PAGE_BYTES = 50 * 1024;

let F: FirmFixture;
beforeAll(async () => {
  F = await createFirm(api);
}, 120_000);

type Locale = 'en' | 'de';

const words = {
  en: { mark: 'Mark it', save: 'Save', undo: 'Undo', notDone: 'not done', done: 'done', open: 'open', category: 'Kind of obstacle', obstacle: 'In a few words', time: 'time' },
  de: { mark: 'Abhaken', save: 'Speichern', undo: 'Rückgängig', notDone: 'nicht erledigt', done: 'erledigt', open: 'offen', category: 'Art des Hindernisses', obstacle: 'In wenigen Worten', time: 'Zeit' },
} as const;

const isoDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** What a client's program looks like after a few weeks: four sessions of four actions, most done, one blocked. */
const HISTORY: Record<Locale, { summary: string; actions: { title: string; ifThenPlan?: string; competency?: string; reflection?: string }[] }[]> = {
  en: [
    {
      summary: 'We looked at where your week goes.',
      actions: [
        { title: 'Write down what only I can do this quarter', competency: 'Delegation', reflection: 'The list was shorter than I expected.' },
        { title: 'Hand the weekly numbers to Priya', ifThenPlan: 'When the Monday report is due, I will ask Priya to draft it', competency: 'Delegation' },
        { title: 'Say no to one meeting a week', reflection: 'Friday afternoons are mine again.' },
      ],
    },
    {
      summary: 'Delegating felt like losing control. We practised handing over outcomes, not tasks, and agreed on three small experiments.',
      actions: [
        { title: 'Agree with Priya what “done” means for the report', competency: 'Delegation', reflection: 'She had better ideas than mine.' },
        { title: 'Ask the team for one thing to stop doing', ifThenPlan: 'When we meet on Thursday, I will ask before the agenda', competency: 'Feedback' },
        { title: 'Leave the office by six twice this week' },
        { title: 'Give Tom feedback on the client call within a day', competency: 'Feedback', reflection: 'Short and specific worked well.' },
      ],
    },
    {
      summary: 'The team stepped up where you stepped back. Feedback is still saved up for the monthly one-to-one; we worked on giving it the same day.',
      actions: [
        { title: 'Give one piece of positive feedback every day', competency: 'Feedback', reflection: 'Easier once it became a habit.' },
        { title: 'Prepare the budget talk with Lena', ifThenPlan: 'When Lena sends the draft, I will block an hour the same day', competency: 'Delegation' },
        { title: 'Ask Sam how the hand-over went for him', competency: 'Feedback' },
        { title: 'Let the team run the planning meeting without me', competency: 'Delegation' },
      ],
    },
    {
      summary:
        'Where you stand: most of the handing over works. What still gets in the way is time, when the week fills up with urgent requests.\n\nFor the next two weeks: protect two focus hours, keep the daily feedback going, and prepare the conversation with your manager about the team’s new roles.',
      actions: [
        { title: 'Block two focus hours on Tuesday and Thursday', ifThenPlan: 'When someone asks for those hours, I will offer another slot', competency: 'Delegation' },
        { title: 'Prepare three points for the talk with my manager' },
        { title: 'Ask Priya what she needs from me to own the report', competency: 'Feedback' },
      ],
    },
  ],
  de: [
    {
      summary: 'Wir haben angeschaut, wohin Ihre Woche geht.',
      actions: [
        { title: 'Aufschreiben, was nur ich in diesem Quartal tun kann', competency: 'Delegation', reflection: 'Die Liste war kürzer als gedacht.' },
        { title: 'Die Wochenzahlen an Priya übergeben', ifThenPlan: 'Wenn der Montagsbericht fällig ist, bitte ich Priya um einen Entwurf', competency: 'Delegation' },
        { title: 'Pro Woche eine Besprechung absagen', reflection: 'Die Freitagnachmittage gehören wieder mir.' },
      ],
    },
    {
      summary: 'Delegieren fühlte sich wie Kontrollverlust an. Wir haben geübt, Ergebnisse statt Aufgaben zu übergeben, und drei kleine Experimente vereinbart.',
      actions: [
        { title: 'Mit Priya klären, was „fertig“ beim Bericht heißt', competency: 'Delegation', reflection: 'Sie hatte bessere Ideen als ich.' },
        { title: 'Das Team fragen, womit wir aufhören sollten', ifThenPlan: 'Wenn wir uns am Donnerstag treffen, frage ich vor der Tagesordnung', competency: 'Feedback' },
        { title: 'Diese Woche zweimal um sechs das Büro verlassen' },
        { title: 'Tom innert eines Tages Feedback zum Kundengespräch geben', competency: 'Feedback', reflection: 'Kurz und konkret hat gut funktioniert.' },
      ],
    },
    {
      summary: 'Das Team ist eingesprungen, wo Sie zurückgetreten sind. Feedback sparen Sie noch für das monatliche Gespräch auf; wir haben geübt, es am selben Tag zu geben.',
      actions: [
        { title: 'Jeden Tag ein positives Feedback geben', competency: 'Feedback', reflection: 'Leichter, seit es eine Gewohnheit ist.' },
        { title: 'Das Budgetgespräch mit Lena vorbereiten', ifThenPlan: 'Wenn Lena den Entwurf schickt, blocke ich am selben Tag eine Stunde', competency: 'Delegation' },
        { title: 'Sam fragen, wie die Übergabe für ihn lief', competency: 'Feedback' },
        { title: 'Das Team die Planungssitzung ohne mich leiten lassen', competency: 'Delegation' },
      ],
    },
    {
      summary:
        'Wo Sie stehen: Das Übergeben klappt meistens. Was noch im Weg steht, ist die Zeit, wenn sich die Woche mit dringenden Anfragen füllt.\n\nFür die nächsten zwei Wochen: zwei Fokusstunden schützen, das tägliche Feedback beibehalten und das Gespräch mit Ihrer Vorgesetzten über die neuen Rollen im Team vorbereiten.',
      actions: [
        { title: 'Dienstag und Donnerstag je zwei Fokusstunden blocken', ifThenPlan: 'Wenn jemand diese Stunden will, biete ich einen anderen Termin an', competency: 'Delegation' },
        { title: 'Drei Punkte für das Gespräch mit meiner Vorgesetzten vorbereiten' },
        { title: 'Priya fragen, was sie von mir braucht, um den Bericht zu übernehmen', competency: 'Feedback' },
      ],
    },
  ],
};

/** What the coach records for each action of HISTORY, session by session (the pre-filled action of session 1 first). */
const OUTCOMES = [
  ['done', 'done', 'done', 'dropped'],
  ['done', 'partly', 'done', 'done'],
  ['done', 'not_done', 'open', 'done'],
  ['open', 'open', 'open', 'open'],
] as const;

/**
 * A program with four sessions of four actions each (one of them added by the client on their page), most of the
 * older ones done with a reflection and a flow check, one not done with an obstacle, the latest session's still due.
 */
async function programWithHistory(locale: Locale): Promise<ProgramFixture> {
  const P = await createProgram(F, 'coach', { client: { locale } });
  const as = async (method: string, path: string, json: unknown, status: number) => {
    const res = await F.as('coach', method, path, json);
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(status);
    return res.body;
  };
  // Session 1 (made by createProgram) goes back six weeks; sessions 2-4 follow it every two weeks.
  const held = (n: number) => `${isoDay(-42 + 14 * n)}T09:00:00Z`;
  await as('PATCH', `/v1/programs/${P.programId}/sessions/${P.sessionId}`, { heldAt: held(0) }, 200);
  const ids: string[][] = [[P.actionId]];
  for (const [n, session] of HISTORY[locale].entries()) {
    const drafts = session.actions.map((a, i) => ({ title: a.title, ...(a.ifThenPlan ? { ifThenPlan: a.ifThenPlan } : {}), ...(a.competency ? { competency: a.competency } : {}), dueDate: isoDay(-42 + 14 * n + 3 + 2 * i) }));
    if (n === 0) {
      for (const draft of drafts) ids[0]!.push((await as('POST', `/v1/programs/${P.programId}/actions`, { ...draft, sessionId: P.sessionId }, 201)).action.actionId);
    } else {
      const recorded = await as('POST', `/v1/programs/${P.programId}/sessions`, { heldAt: held(n), sharedSummary: session.summary, privateNotes: 'Not for the client.', actions: drafts, notifyClient: false }, 201);
      ids.push(recorded.actions.map((a: { actionId: string }) => a.actionId));
    }
  }
  for (const [n, outcomes] of OUTCOMES.entries()) {
    for (const [i, status] of outcomes.entries()) {
      if (status === 'open') continue;
      const reflection = HISTORY[locale][n]!.actions[i - (n === 0 ? 1 : 0)]?.reflection;
      await as('PATCH', `/v1/programs/${P.programId}/actions/${ids[n]![i]}`, { status, ...(reflection ? { reflection, flow: { challenge: 3, skill: 4 } } : {}) }, 200);
      if (status === 'not_done') {
        const text = locale === 'de' ? 'Die Quartalsplanung hat die ganze Woche gefüllt.' : 'The quarterly planning took the whole week.';
        await as('POST', `/v1/programs/${P.programId}/obstacles`, { actionId: ids[n]![i], category: 'time', text }, 201);
      }
    }
  }
  // The fourth action of the latest session is the client's own, added on their page (so it has an edit form).
  const page = await clientRequest(api, 'GET', P.linkPath);
  const own = locale === 'de' ? 'Am Freitag zehn Minuten auf die Woche zurückschauen' : 'Look back on the week for ten minutes on Friday';
  const added = await clientRequest(api, 'POST', '/client', { ...formOn(page.html, 'add'), title: own, dueDate: isoDay(5) });
  expect(added.status, added.html.slice(0, 1500)).toBe(200);
  return P;
}

/** Opens a path on the local gateway and keeps every request the page makes: the document should be the only one. */
async function open(page: Page, path: string): Promise<{ response: Response; requests: string[] }> {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const response = await page.goto(`${api.url()}${path}`);
  if (!response) throw new Error(`no response for ${path}`);
  await page.waitForLoadState('load');
  return { response, requests };
}

/** Presses a button of the page and waits for the page its form's POST answers with. */
async function press(page: Page, button: Locator): Promise<Response> {
  const answer = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST');
  await button.click();
  const response = await answer;
  await page.waitForLoadState();
  return response;
}

/** A full-page PNG at the page's current width, in test/browser/screenshots/ (git-ignored). */
const screenshot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage: true });

/** What every state of the page holds: its language, one main and h1, no script, its style sheet applied. */
async function expectPage(page: Page, response: Response, lang: Locale) {
  const headers = await response.allHeaders();
  expect(headers['content-type']).toBe('text/html; charset=utf-8');
  expect(headers['cache-control']).toContain('no-store');
  expect(headers['content-security-policy']).not.toContain('script-src');
  expect(await page.locator('html').getAttribute('lang')).toBe(lang);
  expect(await page.locator('main').count()).toBe(1);
  expect(await page.locator('h1').count()).toBe(1);
  expect(await page.locator('script').count()).toBe(0);
  expect(cspViolations(page)).toEqual([]);
  for (const form of await page.locator('form').all()) expect(await form.getAttribute('method')).toBe('post');
}

/** Opens every <details> of the page with the mouse, as a client would to see its form. */
async function openAllDetails(page: Page) {
  const closed = page.locator('details:not([open]) > summary');
  const count = await closed.count();
  // Each click opens one, so the first closed one is a new one each time.
  for (let i = 0; i < count; i++) await closed.first().click();
  expect(count).toBeGreaterThan(0);
  expect(await closed.count()).toBe(0);
}

/** The list item of an action on the page, by its title. */
const item = (page: Page, title: string) => page.locator('ul.items > li').filter({ has: page.locator('p > strong', { hasText: new RegExp(`^${title}$`) }) });
const badge = (page: Page, title: string) => item(page, title).locator('.badge').innerText();
const notice = (page: Page) => page.locator('main .notice[role=status] > p').first().innerText();

describe('the client page with a program of some history', () => {
  const programs: Partial<Record<Locale, ProgramFixture>> = {};
  const sizes: string[] = [];
  beforeAll(async () => {
    programs.en = await programWithHistory('en');
    programs.de = await programWithHistory('de');
  }, 120_000);
  afterAll(() => {
    console.info(`client page sizes (bytes of the HTML document; limit ${MAX_PAGE_BYTES}):\n${sizes.join('\n')}`);
  });

  const cases = [
    { locale: 'en', width: 'phone', viewport: PHONE },
    { locale: 'en', width: 'desktop', viewport: DESKTOP },
    { locale: 'de', width: 'phone', viewport: PHONE },
    { locale: 'de', width: 'desktop', viewport: DESKTOP },
  ] as const;
  for (const { locale, width, viewport } of cases) {
    it(`${locale} at ${viewport.width} px: at most 50 KB, no other request, 0 axe violations closed and with every form open`, async () => {
      const P = programs[locale]!;
      const page = await browser.newPage({ viewport });
      const { response, requests } = await open(page, P.linkPath);
      expect(response.status()).toBe(200);
      await expectPage(page, response, locale);

      const bytes = (await response.body()).byteLength;
      sizes.push(`${locale} ${width}: ${bytes}`);
      // Soft: a page over budget still gets its accessibility checks and screenshots below.
      expect.soft(bytes, 'bytes of the HTML document').toBeLessThanOrEqual(MAX_PAGE_BYTES);
      expect(requests).toEqual([response.url()]);

      // The program as the client sees it: 16 actions in four sessions, the latest first, the obstacle shown.
      expect(await page.locator('ul.items > li').count()).toBe(16);
      expect(await page.locator('main h3').count()).toBe(4);
      expect(await page.locator('main h3').first().innerText()).toMatch(locale === 'de' ? /^Sitzung 4/ : /^Session 4/);
      expect(await page.locator('main').innerText()).toContain(locale === 'de' ? 'Zeit: Die Quartalsplanung' : 'time: The quarterly planning');
      expect(await page.content()).not.toContain('Not for the client.');

      expect(await axeViolations(page, [viewport.width])).toEqual([]);
      await screenshot(page, `client-page-${locale}-${width}`);

      await openAllDetails(page);
      expect(await axeViolations(page, [viewport.width])).toEqual([]);
      await screenshot(page, `client-page-${locale}-${width}-open`);
    });
  }
});

describe('a week of the client, with JavaScript off', () => {
  it('adds two actions, marks one done and one not done with an obstacle, undoes that and does it again', async () => {
    const P = await createProgram(F);
    const w = words.en;
    const page = await browser.newPage({ javaScriptEnabled: false });
    const { response } = await open(page, P.linkPath);
    expect(response.status()).toBe(200);
    expect(await page.locator('ul.items > li').count()).toBe(1);
    expect(await badge(page, 'Block two focus hours on Monday')).toBe(w.open);

    // The first action with the keyboard: type into the fields, Enter sends the form.
    const first = 'Ask Sam to run the Friday stand-up';
    const add = page.locator('form:has(input[name=intent][value=add])');
    await add.getByLabel('What will you do?').click();
    await page.keyboard.type(first);
    await add.getByLabel('By when? (optional)').fill(isoDay(2));
    await add.getByLabel('Competency (optional)').selectOption('Delegation');
    const answer = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST');
    await add.getByLabel('What will you do?').press('Enter');
    let res = await answer;
    await page.waitForLoadState();
    expect(res.status()).toBe(200);
    await expectPage(page, res, 'en');
    expect(await notice(page)).toBe(`Added: ${first}.`);
    expect(await badge(page, first)).toBe(w.open);
    expect(await item(page, first).locator('.meta').first().innerText()).toContain('Delegation');

    // The second with the mouse, with an if-then plan.
    const second = 'Give Alex feedback on the report';
    await add.getByLabel('What will you do?').fill(second);
    await add.getByLabel('If-then plan (optional)').fill('When I see Alex on Tuesday, I will ask for ten minutes');
    res = await press(page, add.getByRole('button', { name: 'Add the action' }));
    expect(res.status()).toBe(200);
    expect(await notice(page)).toBe(`Added: ${second}.`);
    expect(await badge(page, second)).toBe(w.open);
    expect(await page.locator('ul.items > li').count()).toBe(3);

    // The first is done: open "Mark it", choose "done", add a reflection and a flow check, Save.
    let action = item(page, first);
    await action.locator('summary', { hasText: w.mark }).click();
    await action.getByRole('radio', { name: 'done', exact: true }).check();
    await action.getByLabel(/^Reflection/).fill('Sam was glad to do it.');
    await action.getByLabel('Challenge').selectOption('3');
    await action.getByLabel('Skill').selectOption('4');
    res = await press(page, action.getByRole('button', { name: w.save }));
    expect(res.status()).toBe(200);
    await expectPage(page, res, 'en');
    expect(await notice(page)).toBe(`Recorded: ${first} is done.`);
    expect(await badge(page, first)).toBe(w.done);
    expect(await item(page, first).innerText()).toContain('Sam was glad to do it.');
    // The page with a change to undo is as accessible as the rest.
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'client-page-recorded');

    // The second is not done, with what got in the way, in the same form.
    const obstacle = 'Alex was off sick all week.';
    action = item(page, second);
    await action.locator('summary', { hasText: w.mark }).click();
    await action.getByRole('radio', { name: w.notDone, exact: true }).check();
    await action.getByLabel(w.category).selectOption({ label: w.time });
    await action.getByLabel(w.obstacle).fill(obstacle);
    res = await press(page, action.getByRole('button', { name: w.save }));
    expect(res.status()).toBe(200);
    expect(await notice(page)).toBe(`Recorded: ${second} is not done.`);
    expect(await badge(page, second)).toBe(w.notDone);
    expect(await item(page, second).innerText()).toContain(`time: ${obstacle}`);

    // Undo on the notice takes the last change back, obstacle and all; the undo itself offers no undo.
    res = await press(page, page.locator('main .notice').getByRole('button', { name: w.undo }));
    expect(res.status()).toBe(200);
    await expectPage(page, res, 'en');
    expect(await notice(page)).toBe(`Taken back: ${second} is as it was before.`);
    expect(await badge(page, second)).toBe(w.open);
    expect.soft(await item(page, second).innerText(), 'the page answering the undo').not.toContain(obstacle);
    expect((await clientRequest(api, 'GET', P.linkPath)).html).not.toContain(obstacle);
    expect(await page.locator('main .notice').getByRole('button').count()).toBe(0);
    expect(await badge(page, first)).toBe(w.done);

    // And again: not done, with the obstacle.
    action = item(page, second);
    await action.locator('summary', { hasText: w.mark }).click();
    await action.getByRole('radio', { name: w.notDone, exact: true }).check();
    await action.getByLabel(w.category).selectOption({ label: w.time });
    await action.getByLabel(w.obstacle).fill(obstacle);
    res = await press(page, action.getByRole('button', { name: w.save }));
    expect(res.status()).toBe(200);
    expect(await notice(page)).toBe(`Recorded: ${second} is not done.`);
    expect(await badge(page, second)).toBe(w.notDone);
    expect(await item(page, second).innerText()).toContain(`time: ${obstacle}`);

    // What the page said is what the coach sees: the obstacle heads the next session's agenda.
    const coach = await F.as('coach', 'GET', `/v1/programs/${P.programId}`);
    expect(coach.body.completion).toMatchObject({ total: 3, done: 1, notDone: 1, open: 1 });
    expect(coach.body.agenda[0]).toMatchObject({ kind: 'obstacle', text: obstacle, category: 'time' });
  });
});

describe('a form that is wrong', () => {
  for (const locale of ['en', 'de'] as const) {
    it(`${locale}: an obstacle without its kind shows a summary linking to the field, marked invalid, and records nothing`, async () => {
      const P = await createProgram(F, 'coach', { client: { locale } });
      const w = words[locale];
      const page = await browser.newPage();
      await open(page, P.linkPath);
      const before = await programItems(F.tenantId, P.programId);

      const action = page.locator(`#action-${P.actionId}`);
      await action.locator('summary', { hasText: w.mark }).click();
      await action.getByRole('radio', { name: w.notDone, exact: true }).check();
      await action.getByLabel(w.obstacle).fill('No time this week.');
      const bad = await press(page, action.getByRole('button', { name: w.save }));
      expect(bad.status()).toBe(400);
      await expectPage(page, bad, locale);
      expect(await programItems(F.tenantId, P.programId)).toBe(before);

      // The missing part is the kind: the summary leads to its select; the text stays as typed.
      const field = page.locator(`#obstacleCategory-${P.actionId}`);
      const text = page.locator(`#obstacleText-${P.actionId}`);
      const summary = page.locator('main .errors[role=alert]');
      expect(await summary.isVisible()).toBe(true);
      const links = summary.locator('a');
      expect(await links.count()).toBe(1);
      expect(await links.getAttribute('href')).toBe(`#obstacleCategory-${P.actionId}`);
      const message = await links.innerText();
      if (locale === 'de') expect(message).not.toMatch(/obstacle|category|expected|invalid/i);
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      const described = (await field.getAttribute('aria-describedby')) ?? '';
      expect(described).toBe(`obstacleCategory-${P.actionId}-error`);
      expect(await page.locator(`#${described}`).isVisible()).toBe(true);
      // The form stays open with what the client typed and chose.
      expect(await field.isVisible()).toBe(true);
      expect(await text.inputValue()).toBe('No time this week.');
      expect(await page.locator(`#action-${P.actionId}`).getByRole('radio', { name: w.notDone, exact: true }).isChecked()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `client-page-error-${locale}`);

      // The link leads to the field.
      await links.click();
      expect(new URL(page.url()).hash).toBe(`#obstacleCategory-${P.actionId}`);
      const box = await field.boundingBox();
      expect(box && box.y >= 0 && box.y < PHONE.height).toBe(true);

      // With the kind chosen, the same form records it.
      await page.locator(`#action-${P.actionId}`).getByLabel(w.category).selectOption({ label: w.time });
      const good = await press(page, page.locator(`#action-${P.actionId}`).getByRole('button', { name: w.save }));
      expect(good.status()).toBe(200);
      expect(await badge(page, 'Block two focus hours on Monday')).toBe(w.notDone);
      expect(await page.locator('main .errors').count()).toBe(0);
    });
  }
});
