// The referrer's personal page: no sign-in, server-rendered, usable without JavaScript.
//
//   GET  /p/:token              their active offers with their personal links and the suggested
//                               wording filled in, and the people they referred with a
//                               privacy-preserving status; writes no link (only "last viewed")
//   POST /p/:token/links        "Get my link" for an offer that has none yet; 303 back
//   GET  /p/assets/copy.js      the copy buttons (the CSP allows only 'self' scripts)
//
// The token is the page id signed with the link secret; it is verified before the database is
// touched. Revoked, unknown and forged tokens get the same friendly page. Limits are per address:
// the token is personal, so many requests from one address are a script, not an office.
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ReferralStatus } from '../db/schema/referrals.ts';
import { shareLinkUrl } from '../features/offers/share-links.ts';
import { firstNameOf, renderWording } from '../features/offers/wording.ts';
import {
  linkFromPage,
  loadReferrerView,
  markViewed,
  type ReferrerOffer,
  type ReferrerView,
} from '../features/referrer-pages/public-queries.ts';
import { verifyReferrerToken } from '../features/referrer-pages/tokens.ts';
import type { App, AppContext } from '../http/types.ts';
import { type Html, html, messagePage, page } from './html.ts';
import { formOf, preparePublicScope, sendHtml } from './public-scope.ts';

const SCRIPT_PATH = '/p/assets/copy.js';

const perAddress = (request: FastifyRequest) => `p:${request.ip}`;
export const referrerPageLimits = {
  view: { max: 60, timeWindow: 60_000, keyGenerator: perAddress },
  post: { max: 20, timeWindow: 60_000, keyGenerator: perAddress },
};

/** The stage a referrer sees: in words, never the value, the owner or the notes. */
export const referredStatusWords: Record<ReferralStatus, string> = {
  new: 'we’ll be in touch soon',
  contacted: 'we’re talking',
  meeting_held: 'we’re talking',
  qualified: 'we’re talking',
  proposal: 'we’re talking',
  won: 'became a client — thank you!',
  lost: 'didn’t go ahead this time',
};

// Copies the value of the field a button names, and says so. Buttons are hidden until this runs,
// so without JavaScript the page shows only fields that can be selected and copied by hand.
export const COPY_SCRIPT = `(function () {
  var buttons = document.querySelectorAll('button[data-copy]');
  for (var i = 0; i < buttons.length; i++) {
    (function (button) {
      button.hidden = false;
      var label = button.textContent;
      button.addEventListener('click', function () {
        var field = document.getElementById(button.getAttribute('data-copy'));
        if (!field) return;
        function done(ok) {
          button.textContent = ok ? 'Copied' : 'Select and copy';
          setTimeout(function () { button.textContent = label; }, 2000);
        }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(field.value).then(function () { done(true); }, function () { done(false); });
        } else {
          field.focus();
          field.select();
          var ok = false;
          try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
          done(ok);
        }
      });
    })(buttons[i]);
  }
})();
`;

const STYLE = `
main{max-width:680px}
h2{font-size:17px;margin:26px 0 10px}
.offer{border:1px solid #e6e6e6;border-radius:10px;padding:16px;margin:0 0 14px;overflow-wrap:anywhere}
.offer h3{font-size:16px;margin:0 0 4px}
.offer .headline{font-weight:600;margin:0 0 8px}
.copy{margin:12px 0 0}
.copy label{display:block;font-size:14px;font-weight:600;margin:0 0 4px}
.copy .field{display:flex;gap:8px;align-items:flex-start}
.copy input,.copy textarea{flex:1;min-width:0;font:inherit;font-size:15px;padding:8px 10px;border:1px solid #c9ccd1;border-radius:8px;background:#fafafa;color:#1f2328}
.copy textarea{resize:vertical}
.copy button{padding:8px 14px;flex:none}
.people{list-style:none;margin:0;padding:0}
.people li{display:flex;justify-content:space-between;gap:8px 16px;flex-wrap:wrap;padding:10px 0;border-top:1px solid #eee;overflow-wrap:anywhere}
.people li:first-child{border-top:0}
.stage{font-size:14px;border-radius:999px;padding:2px 10px;background:#f1f3f5;white-space:nowrap}
.stage.won{background:#ebfbee;color:#2b8a3e;font-weight:600}
.stage.lost{color:#6a6f75}
@media (max-width:420px){.copy .field{flex-direction:column;align-items:stretch}}
`;

const notFoundPage = () =>
  messagePage('This page is not available', [
    'The link may be incomplete, or it was replaced with a new one. Ask your contact at the firm for your current link.',
  ]);

const monthYear = (date: Date) => date.toLocaleDateString('en-GB', { month: 'long', year: 'numeric' });

function copyField(id: string, label: string, value: string, multiline: boolean) {
  return html`<div class="copy"><label for="${id}">${label}</label><div class="field">${
    multiline
      ? html`<textarea id="${id}" rows="${Math.min(12, Math.max(3, value.split('\n').length + Math.ceil(value.length / 60)))}" readonly>${value}</textarea>`
      : html`<input type="text" id="${id}" value="${value}" readonly>`
  }<button type="button" class="secondary" data-copy="${id}" hidden>Copy</button></div></div>`;
}

function offerSection(view: ReferrerView, offer: ReferrerOffer, token: string, publicUrl: string): Html {
  const url = offer.code ? shareLinkUrl(publicUrl, offer.code) : null;
  const values = {
    'referrer.firstName': firstNameOf(view.referrerName),
    'referrer.name': view.referrerName,
    'offer.title': offer.title,
    link: url ?? '',
  };
  const fill = (text: string | null) => (text ? renderWording(text, values) : null);
  const message = fill(offer.shareMessage);
  const subject = fill(offer.shareEmailSubject);
  const body = fill(offer.shareEmailBody);
  const id = offer.id.slice(0, 8);
  return html`<section class="offer" id="offer-${offer.id}">
<h3>${offer.title}</h3>
${offer.headline.trim() !== offer.title.trim() ? html`<p class="headline">${offer.headline}</p>` : ''}
${offer.description ? html`<p class="muted" style="white-space:pre-line">${offer.description}</p>` : ''}
${
  url
    ? html`${copyField(`link-${id}`, 'Your personal link', url, false)}
${message ? copyField(`message-${id}`, 'A short message you could send', message, true) : ''}
${subject ? copyField(`subject-${id}`, 'Email subject', subject, false) : ''}
${body ? copyField(`email-${id}`, 'Email you could send', body, true) : ''}`
    : html`<form method="post" action="/p/${token}/links" class="actions">
<input type="hidden" name="offer" value="${offer.id}"><button type="submit">Get my link</button></form>`
}
${
  offer.terms || offer.endsOn
    ? html`<p class="muted" style="margin:12px 0 0">${offer.terms ?? ''}${offer.terms && offer.endsOn ? ' ' : ''}${
        offer.endsOn
          ? `Open until ${new Date(`${offer.endsOn}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}.`
          : ''
      }</p>`
    : ''
}
</section>`;
}

export function renderReferrerPage(view: ReferrerView, token: string, publicUrl: string): string {
  const first = firstNameOf(view.referrerName) ?? view.referrerName;
  const offers = view.offers.length
    ? view.offers.map((offer) => offerSection(view, offer, token, publicUrl))
    : html`<p class="muted">There is nothing to pass on right now. When ${view.firmName} has a new offer, it will appear here with your own link.</p>`;
  const people = view.referred.length
    ? html`<ul class="people">${view.referred.map(
        (person) =>
          html`<li><span><strong>${person.name ?? 'Someone you referred'}</strong> <span class="muted">· ${monthYear(person.referredAt)}</span></span><span class="stage ${person.status}">${referredStatusWords[person.status]}</span></li>`,
      )}</ul>`
    : html`<p class="muted">Nobody yet. When someone claims an offer through your link or tells us you sent them, you will see here how it is going.</p>`;
  return page({
    title: `${first}’s page · ${view.firmName}`,
    script: SCRIPT_PATH,
    style: STYLE,
    body: html`<p class="firm">${view.firmName}</p>
<h1>Hi ${first}, thank you for thinking of us</h1>
<p>Here is what you can pass on to colleagues who could use it. Each link is yours, so we know who to thank; the wording is only a suggestion.</p>
<h2>Offers you can pass on</h2>
${offers}
<h2>People you sent our way</h2>
${people}`,
    footer: html`This page is personal to you. If you think someone else has the address, tell ${view.firmName} and we will give you a new one.`,
  });
}

export function publicReferrerPageRoutes(app: App, ctx: AppContext) {
  app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    preparePublicScope(scope, {
      rateLimitedText:
        'We received many requests from your network in a short time. Wait a minute, then try again.',
    });

    scope.get(
      SCRIPT_PATH,
      { config: { access: 'public' }, schema: { hide: true } },
      async (_request, reply) =>
        reply
          .type('text/javascript; charset=utf-8')
          .header('cache-control', 'public, max-age=3600')
          .send(COPY_SCRIPT),
    );

    scope.get<{ Params: { token: string } }>(
      '/p/:token',
      { config: { access: 'public', rateLimit: referrerPageLimits.view }, schema: { hide: true } },
      async (request, reply) => {
        const pageId = verifyReferrerToken(ctx.linkSecret, request.params.token);
        const view = pageId ? await loadReferrerView(ctx.db, pageId) : null;
        if (!view) return sendHtml(reply, 404, notFoundPage());
        await markViewed(ctx.db, view.pageId);
        return sendHtml(reply, 200, renderReferrerPage(view, request.params.token, ctx.config.publicUrl));
      },
    );

    scope.post<{ Params: { token: string } }>(
      '/p/:token/links',
      { config: { access: 'public', rateLimit: referrerPageLimits.post }, schema: { hide: true } },
      async (request, reply) => {
        const token = request.params.token;
        const pageId = verifyReferrerToken(ctx.linkSecret, token);
        if (!pageId) return sendHtml(reply, 404, notFoundPage());
        const offerId = (formOf(request).offer ?? '').trim();
        const code = /^[0-9a-f-]{36}$/i.test(offerId) ? await linkFromPage(ctx.db, pageId, offerId) : null;
        if (!code) {
          const live = await loadReferrerView(ctx.db, pageId);
          if (!live) return sendHtml(reply, 404, notFoundPage());
          return sendHtml(
            reply,
            410,
            messagePage(
              'This offer has ended',
              [
                `It is no longer open, so there is no link to make. Your page shows what ${live.firmName} offers now.`,
                html`<a href="/p/${token}">Back to your page</a>`,
              ],
              live.firmName,
            ),
          );
        }
        return reply.status(303).header('location', `/p/${token}#offer-${offerId}`).send();
      },
    );
  });
}
