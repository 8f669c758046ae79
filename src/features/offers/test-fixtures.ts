// Offers and links made through the API, for the offers tests and the isolation specs.
import assert from 'node:assert/strict';
import { call, createContactVia, type TestContext } from '../../test/app.ts';

export const sampleOffer = {
  title: 'No-fee cloud cost assessment',
  type: 'assessment',
  description: 'Two hours with a senior engineer on your cloud bill.',
  capacityTotal: 20,
  capacityPerReferrer: 5,
  startsOn: '2026-11-01',
  endsOn: '2027-03-31',
  headline: 'A free look at your cloud bill',
  body: 'We find the savings, you keep them.',
  afterClaim: 'We reply within one business day.',
  shareMessage: 'Hi {{colleague.firstName}}, {{referrer.firstName}} here: {{offer.title}} {{link}}',
  shareEmailSubject: '{{offer.title}}',
  shareEmailBody: 'Hi {{colleague.firstName}},\n\nThey helped us. {{link}}\n\n{{referrer.name}}',
};

export async function createOfferVia(t: TestContext, cookie: string, body: Record<string, unknown> = {}) {
  const res = await call(t, 'POST', '/api/v1/offers', { cookie, body: { ...sampleOffer, ...body } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; title: string };
}

/** A client contact with a live link to a new offer. */
export async function offerWithLink(t: TestContext, cookie: string, referrerName = 'Ana Silva') {
  const offer = await createOfferVia(t, cookie);
  const referrer = await createContactVia(t, cookie, { name: referrerName, kind: 'client' });
  const res = await call(t, 'POST', `/api/v1/offers/${offer.id}/links`, {
    cookie,
    body: { contactIds: [referrer.id] },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { offer, referrer, link: res.body.links[0] as { id: string; code: string; url: string } };
}
