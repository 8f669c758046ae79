// The public survey pages, where clients answer: no session, no framework, server-rendered HTML
// that works without JavaScript.
//
//   GET  /s/:token?score=N            the answer page, score N picked; records NOTHING (link
//                                      scanners prefetch every link in a mail)
//   POST /s/:token                    records the answer (form-encoded: score, comment); 303 to the
//                                      thank-you page, or JSON for the page's own script
//   GET  /s/:token/thanks             thank-you; promoters see review sites and the colleague form
//   POST /s/:token/thanks             stores the colleague a promoter suggested
//   GET|POST /s/:token/unsubscribe    confirm, then unsubscribe (idempotent)
//   GET  /s/l/:code                   the shareable link: the same form plus name and email
//   POST /s/l/:code                   records it; 303 to /s/l/:code/thanks/:answerToken
//   GET|POST /s/l/:code/thanks/:answerToken
//   GET  /s/assets/answer.js          the page's script (the CSP allows only 'self' scripts)
//
// Tokens are verified (HMAC) before the database is touched; a forged, unknown or expired link
// gets a friendly page and stores nothing. Errors render as pages, never as stacks.
import { createHmac } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import {
  findContactByEmail,
  loadSendPage,
  loadSharePage,
  loadThanksForAnswer,
  loadThanksForSend,
  loadUnsubscribePage,
  type SendPage,
  type SharePage,
  suggestColleague,
  type ThanksPage,
  unsubscribeBySend,
} from '../features/answers/public-queries.ts';
import {
  type AnswerCommitter,
  COMMENT_MAX,
  checkScore,
  cleanComment,
  createAnswerCommitter,
  recordAnswer,
  type SendAnswerOutcome,
} from '../features/answers/record-answer.ts';
import { signSendToken, verifySendToken } from '../features/surveys/links.ts';
import type { App, AppContext } from '../http/types.ts';
import { emailSchema } from '../shared/schemas.ts';
import { ANSWER_SCRIPT } from './answer-script.ts';
import { Html, html, messagePage, page } from './html.ts';
import { type Form, formOf, preparePublicScope, sendHtml, wantsJson } from './public-scope.ts';

const SCRIPT_PATH = '/s/assets/answer.js';

type TokenParams = { token: string };
type ShareParams = { code: string };
type ShareThanksParams = { code: string; answerToken: string };

const tokenKey = (request: FastifyRequest) => `s:${(request.params as Partial<TokenParams>).token ?? ''}`;
const shareKey = (request: FastifyRequest) =>
  `l:${request.ip}:${(request.params as Partial<ShareParams>).code ?? ''}`;

/**
 * Per link, not per address: a whole office behind one NAT answers at once, while one link
 * posted dozens of times a minute is a script. The share link has no token, so it is limited per
 * address and link.
 */
const limits = {
  sendPage: { max: 60, timeWindow: 60_000, keyGenerator: tokenKey },
  sendPost: { max: 20, timeWindow: 60_000, keyGenerator: tokenKey },
  sharePage: { max: 60, timeWindow: 60_000, keyGenerator: shareKey },
  sharePost: { max: 10, timeWindow: 60_000, keyGenerator: shareKey },
};

const notFoundPage = () =>
  messagePage('This link does not work', [
    'The address may be incomplete: try clicking the link in the email again, or copy the whole address into your browser.',
  ]);
const expiredPage = (firmName?: string) =>
  messagePage(
    'This survey has closed',
    ['Thank you for wanting to answer. This link has expired, so nothing was recorded.'],
    firmName,
  );

function scoreOf(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{1,2}$/.test(value)) return null;
  const n = Number(value);
  return n <= 10 ? n : null;
}

function scoreButtons(selected: number | null) {
  return html`<fieldset class="scores"><legend>Score from 0 (not at all likely) to 10 (extremely likely)</legend>${Array.from(
    { length: 11 },
    (_, n) =>
      html`<label><input type="radio" name="score" value="${n}" required${
        n === selected ? new Html(' checked') : ''
      }><span>${n}</span></label>`,
  )}</fieldset><div class="ends"><span>0 - Not at all likely</span><span>10 - Extremely likely</span></div>`;
}

function commentBox(openQuestion: string | null, comment: string | null) {
  return html`<div class="row"><label class="field" for="comment">${
    openQuestion ?? 'Anything you would like to tell us? (optional)'
  }</label><textarea id="comment" name="comment" maxlength="${COMMENT_MAX}">${comment ?? ''}</textarea></div>`;
}

function answerForm(
  survey: SendPage,
  token: string,
  options: { selected: number | null; comment: string | null; autosave: boolean; error?: string },
): string {
  const changing = survey.answer !== null;
  return page({
    title: survey.question,
    script: SCRIPT_PATH,
    body: html`<p class="firm">${survey.firmName}</p>
<h1>${survey.question}</h1>
${options.error ? html`<div class="error" role="alert">${options.error}</div>` : ''}
${changing ? html`<div class="notice">You answered ${survey.answer!.score}. You can change your answer until a week after you first gave it.</div>` : ''}
<form id="answer-form" method="post" action="/s/${token}" data-autosave="${options.autosave ? '1' : '0'}">
${scoreButtons(options.selected)}
${commentBox(survey.openQuestion, options.comment)}
<div class="actions"><button type="submit">Send</button></div>
<p id="answer-status" class="status" aria-live="polite"></p>
</form>`,
    footer: html`<a href="/s/${token}/unsubscribe">Do not send me surveys</a>`,
  });
}

function lockedPage(survey: SendPage) {
  return messagePage(
    'You have already answered',
    [
      `Thank you: your answer (${survey.answer?.score ?? ''} out of 10) reached us. It can no longer be changed, since answers can be changed for a week.`,
    ],
    survey.firmName,
  );
}

function thanksPage(
  thanks: ThanksPage,
  formAction: string,
  options: { changeUrl?: string | undefined; sent?: boolean; error?: string },
) {
  const promoter = thanks.category === 'promoter';
  const change = options.changeUrl
    ? html`<p class="muted"><a href="${options.changeUrl}">Change my answer</a></p>`
    : '';
  if (!promoter) {
    return page({
      title: 'Thank you',
      body: html`<p class="firm">${thanks.firmName}</p><h1>Thank you for your answer</h1>
<p>${
        thanks.category === 'passive'
          ? 'Your feedback helps us do better. Someone from our team will be in touch to hear what would make the biggest difference for you.'
          : 'We are sorry we have not met your expectations. Someone from our team will call you shortly to listen and put things right.'
      }</p>${change}`,
    });
  }
  const reviews = thanks.reviewDestinations.length
    ? html`<h2 style="font-size:17px;margin:20px 0 8px">Would you share your experience?</h2>
<p class="muted">A short review helps others find us. It takes a minute.</p>
<div class="reviews">${thanks.reviewDestinations.map(
        (d) =>
          html`<a class="button secondary" href="${d.url}" target="_blank" rel="noopener noreferrer">${d.label}</a>`,
      )}</div>`
    : '';
  const colleague =
    options.sent || thanks.colleagueName
      ? html`<div class="notice">Thank you for thinking of ${thanks.colleagueName ?? 'a colleague'}. We will be in touch with you before we reach out to them.</div>`
      : html`<h2 style="font-size:17px;margin:20px 0 8px">Do you know someone who could use our help?</h2>
<p class="muted">If a colleague is facing something we could help with, tell us who. We will check with you before reaching out.</p>
${options.error ? html`<div class="error" role="alert">${options.error}</div>` : ''}
<form method="post" action="${formAction}">
<div class="row"><label class="field" for="name">Their name</label><input type="text" id="name" name="name" maxlength="120" required></div>
<div class="row"><label class="field" for="email">Their email (optional)</label><input type="email" id="email" name="email" maxlength="254"></div>
<div class="row"><label class="field" for="note">What could we help them with? (optional)</label><textarea id="note" name="note" maxlength="2000"></textarea></div>
<div class="actions"><button type="submit">Send</button></div>
</form>`;
  return page({
    title: 'Thank you',
    body: html`<p class="firm">${thanks.firmName}</p><h1>Thank you, that means a lot to us</h1>
${reviews}<hr>${colleague}${change}`,
  });
}

function sharePage(
  survey: SharePage,
  code: string,
  form: { score: number | null; comment: string | null; name: string; email: string; error?: string },
) {
  return page({
    title: survey.question,
    body: html`<p class="firm">${survey.firmName}</p>
<h1>${survey.question}</h1>
${form.error ? html`<div class="error" role="alert">${form.error}</div>` : ''}
<form method="post" action="/s/l/${code}">
${scoreButtons(form.score)}
${commentBox(survey.openQuestion, form.comment)}
<div class="row"><label class="field" for="name">Your name (optional)</label><input type="text" id="name" name="name" maxlength="120" value="${form.name}" autocomplete="name"></div>
<div class="row"><label class="field" for="email">Your email (optional)</label><input type="email" id="email" name="email" maxlength="254" value="${form.email}" autocomplete="email"></div>
<div class="actions"><button type="submit">Send</button></div>
</form>`,
  });
}

const outcomeMessages: Record<SendAnswerOutcome['status'], string> = {
  recorded: 'Thank you: your score is saved. Add a comment if you like, then press Send.',
  updated: 'Your answer is updated.',
  locked: 'You have already answered, and answers can only be changed for a week.',
  expired: 'This survey has closed, so nothing was recorded.',
  unknown: 'This link does not work.',
};
const outcomeStatus: Record<SendAnswerOutcome['status'], number> = {
  recorded: 200,
  updated: 200,
  locked: 409,
  expired: 410,
  unknown: 404,
};

/** An AppError's message without its "field: " prefix, as a sentence. */
function friendly(error: unknown, missingScore: boolean): string {
  if (missingScore) return 'Please choose a score from 0 to 10.';
  const text = (error instanceof Error ? error.message : String(error)).replace(/^\w+: /, '');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function readColleague(form: Form): { name: string; email: string | null; note: string | null } {
  const name = (form.name ?? '').trim();
  if (!name) throw new AppError('validation_failed', 'Please enter their name');
  if (name.length > 120)
    throw new AppError('validation_failed', 'The name is too long (120 characters at most)');
  const rawEmail = (form.email ?? '').trim();
  let email: string | null = null;
  if (rawEmail) {
    const parsed = emailSchema.safeParse(rawEmail);
    if (!parsed.success) throw new AppError('validation_failed', 'That email address does not look right');
    email = parsed.data;
  }
  const note = (form.note ?? '').trim();
  if (note.length > 2000)
    throw new AppError('validation_failed', 'The note is too long (2,000 characters at most)');
  return { name, email, note: note || null };
}

export type PublicSurveyRoutes = { committer: AnswerCommitter };

export function publicSurveyRoutes(
  app: App,
  ctx: AppContext,
  options: { promptEnrolment?: boolean } = {},
): PublicSurveyRoutes {
  const committer = createAnswerCommitter({
    db: ctx.db,
    jobs: ctx.jobs,
    promptEnrolment: options.promptEnrolment ?? true,
    // PGlite runs one transaction at a time; PostgreSQL can overlap a few batches.
    concurrency: ctx.database.kind === 'postgres' ? 4 : 1,
  });
  // Thank-you pages of share-link answers are addressed by a signed answer id, under a key of
  // their own so that no send token is ever a valid answer token.
  const answerKey = createHmac('sha256', ctx.linkSecret).update('warmpath:answer-thanks:v1').digest();
  const deps = { db: ctx.db, jobs: ctx.jobs };

  app.addHook('onClose', async () => committer.drain());

  app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    preparePublicScope(scope);

    const form = formOf;

    scope.get(
      SCRIPT_PATH,
      { config: { access: 'public' }, schema: { hide: true } },
      async (_request, reply) =>
        reply
          .type('text/javascript; charset=utf-8')
          .header('cache-control', 'public, max-age=3600')
          .send(ANSWER_SCRIPT),
    );

    scope.get<{ Params: TokenParams; Querystring: { score?: string } }>(
      '/s/:token',
      { config: { access: 'public', rateLimit: limits.sendPage }, schema: { hide: true } },
      async (request, reply) => {
        const sendId = verifySendToken(ctx.linkSecret, request.params.token);
        const survey = sendId ? await loadSendPage(ctx.db, sendId) : null;
        if (!survey) return sendHtml(reply, 404, notFoundPage());
        if (survey.expired) return sendHtml(reply, 410, expiredPage(survey.firmName));
        if (survey.answer && !survey.answer.editable) return sendHtml(reply, 200, lockedPage(survey));
        const picked = scoreOf(request.query.score);
        return sendHtml(
          reply,
          200,
          answerForm(survey, request.params.token, {
            selected: picked ?? survey.answer?.score ?? null,
            comment: survey.answer?.comment ?? null,
            autosave: picked !== null,
          }),
        );
      },
    );

    scope.post<{ Params: TokenParams }>(
      '/s/:token',
      { config: { access: 'public', rateLimit: limits.sendPost }, schema: { hide: true } },
      async (request, reply) => {
        const token = request.params.token;
        const sendId = verifySendToken(ctx.linkSecret, token);
        if (!sendId) {
          if (wantsJson(request))
            return reply.status(404).send({ status: 'unknown', message: outcomeMessages.unknown });
          return sendHtml(reply, 404, notFoundPage());
        }
        const body = form(request);
        let score: number;
        let comment: string | null;
        try {
          score = checkScore(body.score);
          comment = cleanComment(body.comment);
        } catch (error) {
          const message = friendly(error, body.score === undefined || body.score === '');
          if (wantsJson(request)) return reply.status(400).send({ status: 'invalid', message });
          const survey = await loadSendPage(ctx.db, sendId);
          if (!survey) return sendHtml(reply, 404, notFoundPage());
          return sendHtml(
            reply,
            400,
            answerForm(survey, token, {
              selected: scoreOf(body.score),
              comment: (body.comment ?? '').slice(0, COMMENT_MAX),
              autosave: false,
              error: message,
            }),
          );
        }
        const outcome = await committer.submit({ sendId, score, comment });
        if (wantsJson(request)) {
          return reply
            .status(outcomeStatus[outcome.status])
            .header('cache-control', 'no-store')
            .send({ status: outcome.status, message: outcomeMessages[outcome.status] });
        }
        if (outcome.status === 'recorded' || outcome.status === 'updated') {
          return reply.status(303).header('location', `/s/${token}/thanks`).send();
        }
        if (outcome.status === 'unknown') return sendHtml(reply, 404, notFoundPage());
        const survey = await loadSendPage(ctx.db, sendId);
        if (!survey) return sendHtml(reply, 404, notFoundPage());
        if (outcome.status === 'expired') return sendHtml(reply, 410, expiredPage(survey.firmName));
        return sendHtml(reply, 409, lockedPage(survey));
      },
    );

    scope.get<{ Params: TokenParams; Querystring: { sent?: string } }>(
      '/s/:token/thanks',
      { config: { access: 'public', rateLimit: limits.sendPage }, schema: { hide: true } },
      async (request, reply) => {
        const token = request.params.token;
        const sendId = verifySendToken(ctx.linkSecret, token);
        const thanks = sendId ? await loadThanksForSend(ctx.db, sendId) : null;
        if (!thanks) return sendHtml(reply, 404, notFoundPage());
        return sendHtml(
          reply,
          200,
          thanksPage(thanks, `/s/${token}/thanks`, {
            changeUrl: thanks.editable ? `/s/${token}` : undefined,
            sent: request.query.sent === '1',
          }),
        );
      },
    );

    scope.post<{ Params: TokenParams }>(
      '/s/:token/thanks',
      { config: { access: 'public', rateLimit: limits.sendPost }, schema: { hide: true } },
      async (request, reply) => {
        const token = request.params.token;
        const sendId = verifySendToken(ctx.linkSecret, token);
        const thanks = sendId ? await loadThanksForSend(ctx.db, sendId) : null;
        if (!thanks) return sendHtml(reply, 404, notFoundPage());
        try {
          const colleague = readColleague(form(request));
          await suggestColleague(ctx.db, thanks.answerId, colleague);
        } catch (error) {
          if (!(error instanceof AppError) || error.status >= 500) throw error;
          return sendHtml(
            reply,
            400,
            thanksPage(thanks, `/s/${token}/thanks`, {
              changeUrl: thanks.editable ? `/s/${token}` : undefined,
              error: error.message,
            }),
          );
        }
        return reply.status(303).header('location', `/s/${token}/thanks?sent=1`).send();
      },
    );

    const unsubscribeForm = (token: string, firmName: string, email: string | null) =>
      page({
        title: 'Unsubscribe',
        body: html`<p class="firm">${firmName}</p><h1>Stop receiving our surveys?</h1>
<p>${email ? html`We will not send surveys to <strong>${email}</strong> again.` : 'We will not send you surveys again.'}</p>
<form method="post" action="/s/${token}/unsubscribe"><div class="actions"><button type="submit">Unsubscribe</button></div></form>`,
      });
    const unsubscribedPage = (firmName: string) =>
      messagePage(
        'You are unsubscribed',
        ['You will not receive our surveys any more. Thank you for letting us know.'],
        firmName,
      );

    scope.get<{ Params: TokenParams }>(
      '/s/:token/unsubscribe',
      { config: { access: 'public', rateLimit: limits.sendPage }, schema: { hide: true } },
      async (request, reply) => {
        const sendId = verifySendToken(ctx.linkSecret, request.params.token);
        const info = sendId ? await loadUnsubscribePage(ctx.db, sendId) : null;
        if (!info) return sendHtml(reply, 404, notFoundPage());
        if (info.unsubscribed) return sendHtml(reply, 200, unsubscribedPage(info.firmName));
        return sendHtml(reply, 200, unsubscribeForm(request.params.token, info.firmName, info.email));
      },
    );

    scope.post<{ Params: TokenParams }>(
      '/s/:token/unsubscribe',
      { config: { access: 'public', rateLimit: limits.sendPost }, schema: { hide: true } },
      async (request, reply) => {
        const sendId = verifySendToken(ctx.linkSecret, request.params.token);
        const info = sendId ? await loadUnsubscribePage(ctx.db, sendId) : null;
        if (!sendId || !info) return sendHtml(reply, 404, notFoundPage());
        await unsubscribeBySend(ctx.db, sendId);
        return sendHtml(reply, 200, unsubscribedPage(info.firmName));
      },
    );

    scope.get<{ Params: ShareParams; Querystring: { score?: string } }>(
      '/s/l/:code',
      { config: { access: 'public', rateLimit: limits.sharePage }, schema: { hide: true } },
      async (request, reply) => {
        const survey = await loadSharePage(ctx.db, request.params.code);
        if (!survey) return sendHtml(reply, 404, notFoundPage());
        if (survey.status === 'closed') return sendHtml(reply, 410, expiredPage(survey.firmName));
        return sendHtml(
          reply,
          200,
          sharePage(survey, request.params.code, {
            score: scoreOf(request.query.score),
            comment: null,
            name: '',
            email: '',
          }),
        );
      },
    );

    scope.post<{ Params: ShareParams }>(
      '/s/l/:code',
      { config: { access: 'public', rateLimit: limits.sharePost }, schema: { hide: true } },
      async (request, reply) => {
        const code = request.params.code;
        const survey = await loadSharePage(ctx.db, code);
        if (!survey) return sendHtml(reply, 404, notFoundPage());
        if (survey.status === 'closed') return sendHtml(reply, 410, expiredPage(survey.firmName));
        const body = form(request);
        const name = (body.name ?? '').trim().slice(0, 120);
        const rawEmail = (body.email ?? '').trim();
        const again = (error: string) =>
          sendHtml(
            reply,
            400,
            sharePage(survey, code, {
              score: scoreOf(body.score),
              comment: (body.comment ?? '').slice(0, COMMENT_MAX),
              name,
              email: rawEmail.slice(0, 254),
              error,
            }),
          );
        let score: number;
        let comment: string | null;
        try {
          score = checkScore(body.score);
          comment = cleanComment(body.comment);
        } catch (error) {
          return again(friendly(error, body.score === undefined || body.score === ''));
        }
        let email: string | null = null;
        if (rawEmail) {
          const parsed = emailSchema.safeParse(rawEmail);
          if (!parsed.success)
            return again('That email address does not look right. You can also leave it empty.');
          email = parsed.data;
        }
        // An email that matches a client links the answer to them; nobody is added to the client
        // list from a public form, so an unknown email stays on the answer only.
        const contactId = email ? await findContactByEmail(ctx.db, survey.workspaceId, email) : null;
        const { answerId } = await recordAnswer(
          deps,
          { workspaceId: survey.workspaceId, surveyId: survey.surveyId, source: 'link' },
          { contactId, score, comment, respondentName: name || null, respondentEmail: email },
        );
        return reply
          .status(303)
          .header('location', `/s/l/${code}/thanks/${signSendToken(answerKey, answerId)}`)
          .send();
      },
    );

    const shareThanks = async (params: ShareThanksParams) => {
      const answerId = verifySendToken(answerKey, params.answerToken);
      const survey = answerId ? await loadSharePage(ctx.db, params.code) : null;
      return answerId && survey ? loadThanksForAnswer(ctx.db, answerId, survey.surveyId) : null;
    };

    scope.get<{ Params: ShareThanksParams; Querystring: { sent?: string } }>(
      '/s/l/:code/thanks/:answerToken',
      { config: { access: 'public', rateLimit: limits.sharePage }, schema: { hide: true } },
      async (request, reply) => {
        const thanks = await shareThanks(request.params);
        if (!thanks) return sendHtml(reply, 404, notFoundPage());
        const action = `/s/l/${request.params.code}/thanks/${request.params.answerToken}`;
        return sendHtml(reply, 200, thanksPage(thanks, action, { sent: request.query.sent === '1' }));
      },
    );

    scope.post<{ Params: ShareThanksParams }>(
      '/s/l/:code/thanks/:answerToken',
      { config: { access: 'public', rateLimit: limits.sharePost }, schema: { hide: true } },
      async (request, reply) => {
        const thanks = await shareThanks(request.params);
        if (!thanks) return sendHtml(reply, 404, notFoundPage());
        const action = `/s/l/${request.params.code}/thanks/${request.params.answerToken}`;
        try {
          await suggestColleague(ctx.db, thanks.answerId, readColleague(form(request)));
        } catch (error) {
          if (!(error instanceof AppError) || error.status >= 500) throw error;
          return sendHtml(reply, 400, thanksPage(thanks, action, { error: error.message }));
        }
        return reply.status(303).header('location', `${action}?sent=1`).send();
      },
    );
  });

  return { committer };
}
