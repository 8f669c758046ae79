// The survey mail: the 0-10 question with the eleven scores as links, in HTML (tables and inline
// styles, the only layout mail clients agree on) and plain text. Every link carries the send's
// signed token; a click opens the answer page with that score selected, which records it by POST.
import { answerUrl, signSendToken, unsubscribeUrl } from './links.ts';

export type SurveyMailInput = {
  publicUrl: string;
  linkSecret: Buffer;
  sendId: string;
  firmName: string;
  contactName: string;
  question: string;
  openQuestion: string | null;
  reminder: boolean;
};

export type RenderedMail = { subject: string; text: string; html: string };

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The first word of a name, for the greeting; the whole name when it has no space. */
function greetingName(name: string): string {
  const first = name.trim().split(/\s+/)[0] ?? '';
  return first.length >= 2 ? first : name.trim();
}

const scoreColour = (score: number) => (score >= 9 ? '#2b8a3e' : score >= 7 ? '#e67700' : '#c92a2a');

export function renderSurveyMail(input: SurveyMailInput): RenderedMail {
  const token = signSendToken(input.linkSecret, input.sendId);
  const links = Array.from({ length: 11 }, (_, score) => answerUrl(input.publicUrl, token, score));
  const unsubscribe = unsubscribeUrl(input.publicUrl, token);
  const hello = greetingName(input.contactName);
  const subject = input.reminder
    ? `Reminder: one quick question from ${input.firmName}`
    : `One quick question from ${input.firmName}`;
  const lead = input.reminder
    ? `A short reminder: we would still love to hear from you. One click is all it takes.`
    : `We would love to know how we are doing. One click is all it takes.`;
  const after = input.openQuestion
    ? `Then, if you like, tell us: ${input.openQuestion}`
    : 'You can add a comment on the next page if you like.';

  const text = [
    `Hi ${hello},`,
    '',
    lead,
    '',
    input.question,
    '(0 = not at all likely, 10 = extremely likely)',
    '',
    ...links.map((url, score) => `${score}: ${url}`),
    '',
    after,
    '',
    `Thank you,`,
    input.firmName,
    '',
    '--',
    `You get this because you work with ${input.firmName}. To get no more surveys from us: ${unsubscribe}`,
  ].join('\n');

  const e = escapeHtml;
  const cells = links
    .map(
      (url, score) =>
        `<td align="center" width="9%" style="padding:2px;">` +
        `<a href="${e(url)}" style="display:block;padding:10px 0;border:1px solid #ced4da;border-radius:6px;` +
        `background:#ffffff;color:${scoreColour(score)};font-size:16px;font-weight:700;text-decoration:none;` +
        `font-family:Arial,Helvetica,sans-serif;">${score}</a></td>`,
    )
    .join('');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(subject)}</title></head>
<body style="margin:0;padding:0;background:#f1f3f5;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f1f3f5;">
<tr><td align="center" style="padding:24px 8px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:#ffffff;border-radius:8px;">
<tr><td style="padding:24px 24px 8px 24px;font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#868e96;text-transform:uppercase;letter-spacing:1px;">${e(input.firmName)}</td></tr>
<tr><td style="padding:8px 24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:24px;color:#212529;">
<p style="margin:0 0 12px 0;">Hi ${e(hello)},</p>
<p style="margin:0 0 16px 0;">${e(lead)}</p>
<p style="margin:0 0 16px 0;font-size:18px;line-height:26px;font-weight:700;">${e(input.question)}</p>
</td></tr>
<tr><td style="padding:0 18px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>${cells}</tr></table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>
<td align="left" style="padding:6px 4px;font-family:Arial,Helvetica,sans-serif;font-size:12px;color:#868e96;">0 = not at all likely</td>
<td align="right" style="padding:6px 4px;font-family:Arial,Helvetica,sans-serif;font-size:12px;color:#868e96;">10 = extremely likely</td>
</tr></table>
</td></tr>
<tr><td style="padding:16px 24px 24px 24px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:22px;color:#495057;">
<p style="margin:0 0 12px 0;">${e(after)}</p>
<p style="margin:0;">Thank you,<br>${e(input.firmName)}</p>
</td></tr>
</table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;">
<tr><td align="center" style="padding:16px 24px;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:18px;color:#868e96;">
You get this because you work with ${e(input.firmName)}.
<a href="${e(unsubscribe)}" style="color:#868e96;text-decoration:underline;">Unsubscribe from surveys</a>
</td></tr>
</table>
</td></tr>
</table>
</body></html>`;
  return { subject, text, html };
}

const UNSUBSCRIBE_IN_TEXT = /\/s\/([A-Za-z0-9_-]{44})\/unsubscribe/;

/**
 * The List-Unsubscribe header of a stored survey mail, found from the unsubscribe link in its
 * text (outbox rows keep no headers). Only a link whose token verifies counts.
 */
export function listUnsubscribeHeader(
  textBody: string,
  publicUrl: string,
  verify: (token: string) => string | null,
): Record<string, string> | undefined {
  const match = UNSUBSCRIBE_IN_TEXT.exec(textBody);
  if (!match || !verify(match[1]!)) return undefined;
  return { 'List-Unsubscribe': `<${unsubscribeUrl(publicUrl, match[1]!)}>` };
}
