import escapeHtml from 'escape-html';

/**
 * HTML as a tagged template that escapes every interpolated value (escape-html), unless it is itself `Html` made
 * by this tag (or `trusted`). Arrays are joined. So a page cannot print a name, an address or a message unescaped.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | undefined | null | false | readonly Part[];

const render = (part: Part): string => {
  if (part === undefined || part === null || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
};

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  return new Html(strings.reduce((out, text, i) => out + text + (i < parts.length ? render(parts[i]!) : ''), ''));
}

/** Markup the code itself wrote (a constant), never text from a request or the table. */
export const trusted = (markup: string): Html => new Html(markup);
