import { inject } from 'vitest';

export interface SentEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

/** Every email local SES has accepted for a recipient, read from its store. */
export async function emailsTo(address: string): Promise<SentEmail[]> {
  const response = await fetch(`${inject('sesUrl')}/store`);
  const { emails } = (await response.json()) as { emails: SentEmail[] };
  return emails.filter((e) => e.destination.to.includes(address));
}
