// The confirmation a claimant receives. Every name and text in it comes from the public form or
// from the offer, so the HTML part escapes all of it; the text part is plain text.
import { escapeHtml, mailLayout } from '../tasks/mail.ts';
import type { Landing } from './landing.ts';

export function claimConfirmationMail(input: {
  landing: Landing;
  name: string;
  accepted: boolean;
  landingUrl: string;
}): { subject: string; text: string; html: string } {
  const { landing, name, accepted } = input;
  const offer = landing.offer;
  const firstName = name.split(/\s+/)[0] ?? name;
  const referrer = landing.referrer?.name;
  const lead = accepted
    ? `Thank you for claiming "${offer.title}".`
    : `Thank you for your interest in "${offer.title}".`;
  const next = accepted
    ? (offer.afterClaim ?? `Someone from ${landing.firmName} will reply within one business day.`)
    : `This offer is not open for new claims right now, so we have noted your interest. Someone from ${landing.firmName} will be in touch if a place becomes available.`;
  const via = referrer ? `You came to us through ${referrer}.` : null;
  const subject = accepted ? `Your request: ${offer.title}` : `We have noted your interest: ${offer.title}`;
  const text = [
    `Hello ${firstName},`,
    '',
    lead,
    '',
    next,
    ...(via ? ['', via] : []),
    '',
    landing.firmName,
  ].join('\n');
  const html = mailLayout(
    `<p>Hello ${escapeHtml(firstName)},</p><p>${escapeHtml(lead)}</p><p style="white-space:pre-line">${escapeHtml(
      next,
    )}</p>${via ? `<p>${escapeHtml(via)}</p>` : ''}<p>${escapeHtml(landing.firmName)}</p>`,
  );
  return { subject, text, html };
}
