/**
 * Colour contrast as WCAG 2 defines it, for a firm's accent colour (#RRGGBB): the accent is a background under white
 * text (buttons of pages and emails) and a text colour on white (links in emails), so it must contrast with white.
 */
export function relativeLuminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** The contrast ratio of a colour against white: from 1 (white) to 21 (black). */
export const contrastWithWhite = (hex: string): number => 1.05 / (relativeLuminance(hex) + 0.05);

/** WCAG AA for normal text. */
export const MIN_ACCENT_CONTRAST = 4.5;
