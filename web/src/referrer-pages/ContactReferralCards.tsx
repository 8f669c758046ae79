// The referral cards of a person's page: their referrer page (clients and partners), the partner
// balance (partners) and their testimonials. Nothing for an erased person.
import { Stack } from '@mantine/core';
import type { ContactDetail } from '../clients/api.ts';
import { PartnerCard } from '../partners/PartnerCard.tsx';
import { TestimonialsCard } from '../testimonials/TestimonialsCard.tsx';
import { ReferrerPageCard } from './ReferrerPageCard.tsx';

export function ContactReferralCards({ contact }: { contact: ContactDetail }) {
  if (contact.erased) return null;
  const referrer = contact.kind === 'client' || contact.kind === 'partner';
  return (
    <Stack gap="lg">
      {contact.kind === 'partner' ? <PartnerCard partner={contact} /> : null}
      {referrer ? <ReferrerPageCard contact={contact} /> : null}
      <TestimonialsCard contact={contact} />
    </Stack>
  );
}
