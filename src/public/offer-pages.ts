// The public side of offers: personal share links and the offer's landing page. No session, no
// framework, server-rendered HTML that works without JavaScript and at phone width.
//
//   GET  /r/:code            the share link: records the click (committed before answering), then
//                            302 to /o/:code; revoked: 410 "no longer active"; archived offer:
//                            410 "this offer has ended"; unknown or malformed: 404
//   GET  /o/:code            the landing page: who invited the visitor, the offer, the claim form
//                            (or the interest form when the offer is paused, full or out of dates)
//   POST /o/:code/claim      the claim (form-encoded): confirmation page, or the form again with
//                            what to fix
//
// Codes are case-insensitive. Malformed and unknown codes take the same path as valid ones (the
// same lookup, in the same batch) so that timing does not tell valid codes apart. Limits are per
// address: generous on /r (an office behind one NAT clicks the same link), tight on claims.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CLAIM_COMPANY_MAX,
  CLAIM_MESSAGE_MAX,
  CLAIM_NAME_MAX,
  type ClaimCommitter,
  type ClaimInput,
  type ClaimResult,
  createClaimCommitter,
} from '../features/claims/claim-offer.ts';
import {
  availabilityOf,
  type Landing,
  loadLanding,
  type RefusalReason,
  refusalOf,
} from '../features/claims/landing.ts';
import { type ClickRecorder, createClickRecorder } from '../features/claims/record-click.ts';
import {
  cleanReferer,
  createWindowLimiter,
  isBotUserAgent,
  visitorHash,
  visitorKey,
  type WindowLimiter,
} from '../features/claims/visitors.ts';
import { normaliseLinkCode } from '../features/offers/share-links.ts';
import type { App, AppContext } from '../http/types.ts';
import { emailSchema } from '../shared/schemas.ts';
import { Html, html, messagePage, page } from './html.ts';
import { type Form, formOf, preparePublicScope, sendHtml } from './public-scope.ts';

export type OfferPageLimits = {
  /** Share-link clicks per address per minute. */
  redirectsPerMinute: number;
  /** Landing page views per address per minute. */
  pagesPerMinute: number;
  /** Claims per address per ten minutes. */
  claimsPerTenMinutes: number;
};

export const defaultOfferPageLimits: OfferPageLimits = {
  // A shared link is clicked by many people behind one office address, and by scanners: only a
  // script clicks ten times a second.
  redirectsPerMinute: 600,
  pagesPerMinute: 120,
  // A few colleagues in one office may claim; dozens in ten minutes is a flood.
  claimsPerTenMinutes: 10,
};

/** The security headers of /r's pages (404, 410, 429): no script, no form, no frames. */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export type PublicOfferRoutes = { clicks: ClickRecorder; claims: ClaimCommitter };

const STYLE = `
main{max-width:600px}
.invite{display:flex;gap:12px;align-items:center;background:#fff4e6;border:1px solid #ffd8a8;border-radius:10px;padding:12px 14px;margin:0 0 18px}
.invite .avatar{flex:none;width:40px;height:40px;border-radius:50%;background:#e8590c;color:#fff;font-weight:700;display:flex;align-items:center;justify-content:center;font-size:15px}
.invite p{margin:0;overflow-wrap:anywhere}
h1{font-size:24px;overflow-wrap:anywhere}
h2{font-size:18px;margin:24px 0 10px}
.text{white-space:pre-line;overflow-wrap:anywhere}
.facts{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:14px;color:#495057;margin:0 0 6px}
.facts strong{color:#1f2328;white-space:nowrap}
.check{display:flex;gap:10px;align-items:flex-start;font-size:14px}
.check input{width:20px;height:20px;margin:2px 0 0;flex:none}
.terms{font-size:13px;color:#6a6f75;white-space:pre-line;margin:20px 0 0;overflow-wrap:anywhere}
.req{color:#c92a2a}
button{width:100%}
@media (min-width:480px){button{width:auto}}
`;

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const dayText = (day: string) => dateFormat.format(new Date(`${day}T00:00:00Z`));

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = (words[0]?.[0] ?? '') + (words.length > 1 ? (words.at(-1)?.[0] ?? '') : '');
  return letters.toUpperCase() || '?';
}

function inviteLine(landing: Landing): Html {
  const r = landing.referrer;
  if (!r) {
    return html`<div class="invite"><p>Someone who works with <strong>${landing.firmName}</strong> thought this could help you.</p></div>`;
  }
  return html`<div class="invite"><span class="avatar" aria-hidden="true">${initials(r.name)}</span><p><strong>${r.name}</strong>${
    r.accountName ? html` from <strong>${r.accountName}</strong>` : ''
  } thought this could help you.</p></div>`;
}

function datesLine(landing: Landing): Html | string {
  const { startsOn, endsOn } = landing.offer;
  if (startsOn && endsOn)
    return html`<span>Available <strong>${dayText(startsOn)}</strong> to <strong>${dayText(endsOn)}</strong></span>`;
  if (endsOn) return html`<span>Available until <strong>${dayText(endsOn)}</strong></span>`;
  if (startsOn) return html`<span>Available from <strong>${dayText(startsOn)}</strong></span>`;
  return '';
}

const refusalNotices: Record<RefusalReason, (landing: Landing) => string> = {
  capacity: () =>
    'All places for this offer have been taken. Leave your details and we will let you know if one opens up.',
  referrer_capacity: () =>
    'All places available through this invitation have been taken. Leave your details and we will let you know if one opens up.',
  ended: () => 'This offer has ended. Leave your details if you would still like to hear from us.',
  not_started: (l) =>
    `This offer opens on ${l.offer.startsOn ? dayText(l.offer.startsOn) : 'a later date'}. Leave your details and we will be in touch when it does.`,
  paused: () => 'This offer is paused at the moment. Leave your details and we will be in touch.',
};

type FormValues = { name: string; email: string; company: string; message: string; consent: boolean };
const emptyForm: FormValues = { name: '', email: '', company: '', message: '', consent: false };

function landingPage(landing: Landing, values: FormValues, error?: string): string {
  const { offer } = landing;
  const refusal = refusalOf(landing);
  const facts = datesLine(landing);
  return page({
    title: offer.headline,
    style: STYLE,
    body: html`<p class="firm">${landing.firmName}</p>
${inviteLine(landing)}
<h1>${offer.headline}</h1>
${offer.body ? html`<p class="text">${offer.body}</p>` : offer.description ? html`<p class="text">${offer.description}</p>` : ''}
${facts ? html`<p class="facts">${facts}</p>` : ''}
<h2 id="claim">${refusal ? 'Leave your details' : 'Claim this offer'}</h2>
${refusal ? html`<div class="notice">${refusalNotices[refusal](landing)}</div>` : ''}
${error ? html`<div class="error" role="alert">${error}</div>` : ''}
<form method="post" action="/o/${landing.code}/claim" aria-labelledby="claim">
<div class="row"><label class="field" for="name">Your name <span class="req" aria-hidden="true">*</span></label><input type="text" id="name" name="name" maxlength="${CLAIM_NAME_MAX}" required autocomplete="name" value="${values.name}"></div>
<div class="row"><label class="field" for="email">Your email <span class="req" aria-hidden="true">*</span></label><input type="email" id="email" name="email" maxlength="254" required autocomplete="email" value="${values.email}"></div>
<div class="row"><label class="field" for="company">Company (optional)</label><input type="text" id="company" name="company" maxlength="${CLAIM_COMPANY_MAX}" autocomplete="organization" value="${values.company}"></div>
<div class="row"><label class="field" for="message">Anything we should know? (optional)</label><textarea id="message" name="message" maxlength="${CLAIM_MESSAGE_MAX}">${values.message}</textarea></div>
<div class="row"><label class="check"><input type="checkbox" name="consent" value="yes" required${
      values.consent ? new Html(' checked') : ''
    }><span>${landing.firmName} may contact me about this offer and keep my details for that purpose.</span></label></div>
<div class="actions"><button type="submit">${refusal ? 'Send my details' : 'Claim this offer'}</button></div>
</form>
${offer.terms ? html`<p class="terms"><strong>Terms.</strong> ${offer.terms}</p>` : ''}`,
  });
}

const notFoundPage = () =>
  messagePage('This link does not work', [
    'The address may be incomplete: check that the whole link was copied, or ask the person who shared it to send it again.',
  ]);

const revokedPage = (landing: Landing) =>
  messagePage(
    'This link is no longer active',
    [
      'The person who shared it may have a newer link: ask them to send it again. Thank you for your interest.',
    ],
    landing.firmName,
  );

const endedPage = (landing: Landing) =>
  messagePage(
    'This offer has ended',
    [
      html`Thank you for your interest. <strong>${landing.offer.title}</strong> is no longer available, so it cannot be claimed.`,
    ],
    landing.firmName,
  );

const interestLines: Record<RefusalReason, string> = {
  capacity: 'All places for this offer have been taken, so we have noted your interest.',
  referrer_capacity:
    'All places available through this invitation have been taken, so we have noted your interest.',
  ended: 'This offer has ended, so we have noted your interest.',
  not_started: 'This offer has not opened yet, so we have noted your interest.',
  paused: 'This offer is paused at the moment, so we have noted your interest.',
};

function confirmationPage(result: Extract<ClaimResult, { claimId: string }>, name: string, email: string) {
  const { landing } = result;
  const firstName = name.split(/\s+/)[0] ?? name;
  if (result.status === 'interest') {
    return page({
      title: 'We have noted your interest',
      style: STYLE,
      body: html`<p class="firm">${landing.firmName}</p><h1>Thank you, ${firstName}</h1>
<p>${interestLines[result.refusalReason ?? 'ended']}</p>
<p>Someone from ${landing.firmName} will be in touch if a place becomes available. We sent a note to <strong>${email}</strong>.</p>`,
    });
  }
  return page({
    title: 'Thank you',
    style: STYLE,
    body: html`<p class="firm">${landing.firmName}</p><h1>Thank you, ${firstName}</h1>
${
  result.duplicate
    ? html`<p>You have already claimed <strong>${landing.offer.title}</strong>: your request reached us, there is nothing more to do.</p>`
    : html`<p>Your request for <strong>${landing.offer.title}</strong> reached us.</p>`
}
<p class="text">${landing.offer.afterClaim ?? `Someone from ${landing.firmName} will reply within one business day.`}</p>
${result.duplicate ? '' : html`<p class="muted">We sent a confirmation to <strong>${email}</strong>.</p>`}`,
  });
}

const tooManyPage = (seconds: number) =>
  messagePage('One moment, please', [
    `We received many requests from your address in a short time. Please try again in ${
      seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`
    }.`,
  ]);

function limited(
  limiter: WindowLimiter,
  request: FastifyRequest,
  reply: FastifyReply,
  headers: Record<string, string> = {},
): boolean {
  const retryAfter = limiter.hit(request.ip);
  if (retryAfter === null) return false;
  reply.headers(headers).header('retry-after', String(retryAfter));
  sendHtml(reply, 429, tooManyPage(retryAfter));
  return true;
}

type Checked = { ok: true; input: Omit<ClaimInput, 'code' | 'visitorHash'> } | { ok: false; error: string };

/** The claim form, checked: every problem is a sentence for the page, never a stack. */
export function checkClaimForm(form: Form): Checked {
  const name = (form.name ?? '').trim();
  const company = (form.company ?? '').trim();
  const message = (form.message ?? '').trim();
  if (!name) return { ok: false, error: 'Please enter your name.' };
  if (name.length > CLAIM_NAME_MAX)
    return { ok: false, error: `Your name is too long (${CLAIM_NAME_MAX} characters at most).` };
  const email = emailSchema.safeParse(form.email ?? '');
  if (!(form.email ?? '').trim()) return { ok: false, error: 'Please enter your email address.' };
  if (!email.success) return { ok: false, error: 'That email address does not look right.' };
  if (company.length > CLAIM_COMPANY_MAX)
    return { ok: false, error: `The company name is too long (${CLAIM_COMPANY_MAX} characters at most).` };
  if (message.length > CLAIM_MESSAGE_MAX)
    return {
      ok: false,
      error: `Your message is too long (${CLAIM_MESSAGE_MAX.toLocaleString('en')} characters at most).`,
    };
  if (!['yes', 'on', 'true', '1'].includes(form.consent ?? ''))
    return { ok: false, error: 'Please tick the box to agree that we may contact you about this offer.' };
  return {
    ok: true,
    input: { name, email: email.data, company: company || null, message: message || null },
  };
}

export function publicOfferRoutes(
  app: App,
  ctx: AppContext,
  options: { limits?: Partial<OfferPageLimits> } = {},
): PublicOfferRoutes {
  const limits = { ...defaultOfferPageLimits, ...options.limits };
  // One click batch at a time on both drivers: a batch costs a commit (an fsync on PostgreSQL)
  // whatever its size, and at 100 connections one batch in flight measured faster than 2 or 8
  // overlapping smaller ones (bench/share-link.ts). Claim batches of different offers may overlap
  // on PostgreSQL (the offer row lock serialises those of one offer); PGlite runs one at a time.
  const clicks = createClickRecorder({ query: ctx.database.query, concurrency: 1 });
  const claims = createClaimCommitter({
    db: ctx.db,
    mailer: ctx.mailer,
    publicUrl: ctx.config.publicUrl,
    concurrency: ctx.database.kind === 'postgres' ? 2 : 1,
  });
  const key = visitorKey(ctx.linkSecret);
  const redirectLimiter = createWindowLimiter({ max: limits.redirectsPerMinute, windowMs: 60_000 });
  const pageLimiter = createWindowLimiter({ max: limits.pagesPerMinute, windowMs: 60_000 });
  const claimLimiter = createWindowLimiter({ max: limits.claimsPerTenMinutes, windowMs: 600_000 });

  app.addHook('onClose', async () => {
    await clicks.drain();
    await claims.drain();
  });

  app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    preparePublicScope(scope, {
      rateLimitedText:
        'We received many requests from your address in a short time. Wait a minute, then try again.',
    });

    // A wildcard rather than /r/:code: an over-long or multi-segment "code" still gets the same
    // lookup and the same friendly 404 instead of falling through to the web app.
    scope.get<{ Params: { '*': string } }>(
      '/r/*',
      // Helmet's per-response work (it rebuilds the CSP header on every reply) was a tenth of this
      // route's CPU; a redirect needs none of it, and its few pages get a fixed policy.
      { config: { access: 'public' }, schema: { hide: true }, helmet: false },
      async (request, reply) => {
        if (limited(redirectLimiter, request, reply, PAGE_HEADERS)) return reply;
        const code = normaliseLinkCode(request.params['*']) ?? '';
        const userAgent = request.headers['user-agent'] ?? '';
        const outcome = await clicks.submit({
          code,
          visitorHash: visitorHash(key, request.ip, userAgent),
          referer: cleanReferer(request.headers.referer),
          isBot: isBotUserAgent(userAgent),
        });
        // The redirect carries only its Location: no browser renders it, and every header byte
        // is written on the hottest path (a 302 without freshness headers is not cached).
        if (outcome === 'live') return reply.status(302).header('location', `/o/${code}`).send();
        reply.headers(PAGE_HEADERS);
        if (outcome === 'unknown') return sendHtml(reply, 404, notFoundPage());
        const landing = await loadLanding(ctx.db, code);
        if (!landing) return sendHtml(reply, 404, notFoundPage());
        return sendHtml(reply, 410, outcome === 'revoked' ? revokedPage(landing) : endedPage(landing));
      },
    );

    /** The landing data for a code as typed, or the page that says why there is none. */
    const landingFor = async (raw: string, reply: FastifyReply, purpose: 'view' | 'claim') => {
      const landing = await loadLanding(ctx.db, normaliseLinkCode(raw) ?? '');
      if (!landing) {
        sendHtml(reply, 404, notFoundPage());
        return null;
      }
      if (landing.revoked) {
        sendHtml(reply, 410, revokedPage(landing));
        return null;
      }
      // A claim posted from a page opened before the offer was archived is kept as interest.
      if (purpose === 'view' && availabilityOf(landing) === 'archived') {
        sendHtml(reply, 410, endedPage(landing));
        return null;
      }
      return landing;
    };

    scope.get<{ Params: { '*': string } }>(
      '/o/*',
      { config: { access: 'public' }, schema: { hide: true } },
      async (request, reply) => {
        if (limited(pageLimiter, request, reply)) return reply;
        const landing = await landingFor(request.params['*'], reply, 'view');
        if (!landing) return reply;
        return sendHtml(reply, 200, landingPage(landing, emptyForm));
      },
    );

    scope.post<{ Params: { code: string } }>(
      '/o/:code/claim',
      {
        config: { access: 'public' },
        schema: { hide: true },
        // Before the body is read: a flood is refused without parsing what it sends.
        onRequest: async (request, reply) => {
          if (limited(claimLimiter, request, reply)) return reply;
        },
        // A body over the form limit (a pasted 1 MB message) gets a page that says what to do.
        errorHandler: (error, _request, reply) => {
          if ((error as { code?: string }).code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw error;
          return sendHtml(
            reply,
            413,
            messagePage('Your message is too long', [
              `Please go back and shorten it to ${CLAIM_MESSAGE_MAX.toLocaleString('en')} characters or fewer, then send it again.`,
            ]),
          );
        },
      },
      async (request, reply) => {
        const form = formOf(request);
        const checked = checkClaimForm(form);
        if (!checked.ok) {
          const landing = await landingFor(request.params.code, reply, 'claim');
          if (!landing) return reply;
          const values: FormValues = {
            name: (form.name ?? '').slice(0, CLAIM_NAME_MAX),
            email: (form.email ?? '').slice(0, 254),
            company: (form.company ?? '').slice(0, CLAIM_COMPANY_MAX),
            message: (form.message ?? '').slice(0, CLAIM_MESSAGE_MAX),
            consent: Boolean(form.consent),
          };
          return sendHtml(reply, 400, landingPage(landing, values, checked.error));
        }
        // The link is looked up with the claim, in its batch: no read of its own before it.
        const result = await claims.submit({
          ...checked.input,
          code: normaliseLinkCode(request.params.code) ?? '',
          visitorHash: visitorHash(key, request.ip, request.headers['user-agent'] ?? ''),
        });
        if (result.status === 'unknown') return sendHtml(reply, 404, notFoundPage());
        if (result.status === 'revoked') return sendHtml(reply, 410, revokedPage(result.landing));
        return sendHtml(reply, 200, confirmationPage(result, checked.input.name, checked.input.email));
      },
    );
  });

  return { clicks, claims };
}
