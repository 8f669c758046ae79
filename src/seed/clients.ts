// Demo clients for `warmpath seed --demo`: companies, the people at them, partners and network
// contacts, who on the team knows whom, and a history of conversations that reads like a real
// firm's. Deterministic from the seed; `scale` sets the number of people for benchmarks. Rows go
// in with multi-row inserts in batches (the seed is a bulk path, like the import).
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  accounts,
  contacts,
  type InteractionKind,
  interactionParticipants,
  interactions,
  timelineEvents,
} from '../db/schema/index.ts';
import { interactionTitle } from '../features/interactions/log-interaction.ts';
import { recomputeStrengths } from '../features/relationships/recompute.ts';
import { between, companyName, domainFor, emailFor, personName, pick, type Rng } from './generate.ts';

const industries = [
  'Logistics',
  'Healthcare',
  'Software',
  'Manufacturing',
  'Retail',
  'Finance',
  'Hospitality',
  'Energy',
];
const sizes = ['1-10', '11-50', '51-200', '201-1000', '1001+'] as const;
const titles = [
  'CEO',
  'CFO',
  'COO',
  'Head of Finance',
  'IT Director',
  'Operations Manager',
  'Founder',
  'Managing Partner',
  'Controller',
  'HR Director',
];
const projects = [
  'ERP migration',
  'year-end audit',
  'brand refresh',
  'cloud cost review',
  'tax restructuring',
  'acquisition integration',
  'new website',
  'data warehouse',
  'pricing review',
  'board reporting pack',
];
const expertise = [
  'erp migration',
  'fundraising',
  'm&a integration',
  'hiring engineers',
  'export to brazil',
  'esg reporting',
  'cybersecurity',
  'family business succession',
];
const interests = ['sailing', 'trail running', 'jazz', 'chess', 'cycling', 'cooking', 'photography', 'golf'];
const families = [
  'Two children; the eldest is looking for a summer internship in finance',
  'Recently became a grandmother',
  'Partner runs a bakery in town',
  'Son starting university next year, interested in engineering',
  'Just moved back from Singapore with the family',
];
const tagPool = ['vip', 'board', 'referrer', 'renewal-2027', 'newsletter', 'event-guest'];

const summaries: Record<InteractionKind, string[]> = {
  meeting: [
    'Quarterly review of the {p}: on schedule, they are pleased with the team',
    'Lunch to close out the {p}; shared lessons learned',
    'Workshop on next year’s priorities; the {p} is their top concern',
  ],
  call: [
    'Check-in on the {p}; one open question about timelines, answered',
    'They called about a surprise in the {p}; agreed options by Friday',
    'Monthly update call; mentioned a peer who faces the same {p}',
  ],
  message: ['Sent the slides from the {p} review', 'Quick note of thanks after the {p} milestone'],
  email: ['Weekly update on the {p}', 'Shared an article on the {p} they asked about'],
  note: [
    'Heard they may expand the {p} to another site',
    'Their CFO changes in spring; keep the {p} team informed',
  ],
};
const outcomes = [
  'Happy with progress',
  'Asked for a proposal',
  'Not now: revisit after the audit',
  'Offered to introduce a colleague',
  null,
  null,
];

type SeedContext = { db: Db; workspaceId: string; memberIds: string[]; rng: Rng; log: (m: string) => void };

async function insertInBatches<T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function seedClients(ctx: SeedContext, peopleCount: number) {
  const { db, workspaceId, memberIds, rng } = ctx;
  const now = Date.now();
  const day = 86_400_000;

  // Companies: about one for every three people, names unique within the workspace.
  const accountNames = new Set<string>();
  const accountTarget = Math.max(5, Math.round(peopleCount / 3));
  for (let i = 0; accountNames.size < accountTarget; i++) {
    const name = companyName(rng);
    accountNames.add(accountNames.has(name) ? `${name} ${i}` : name);
  }
  const accountRows = [...accountNames].map((name) => {
    const status = rng() < 0.7 ? 'active' : rng() < 0.6 ? 'past' : 'prospect';
    return {
      id: crypto.randomUUID(),
      workspaceId,
      name,
      domain: domainFor(name),
      industry: pick(rng, industries),
      size: pick(rng, sizes),
      status: status as 'active' | 'past' | 'prospect',
      clientSince:
        status === 'prospect'
          ? null
          : new Date(now - between(rng, 60, 2500) * day).toISOString().slice(0, 10),
      ownerMemberId: pick(rng, memberIds),
      tags: rng() < 0.2 ? [pick(rng, tagPool)] : [],
    };
  });
  await insertInBatches(accountRows, 1000, (batch) => db.insert(accounts).values(batch));

  // People: clients at companies, plus partners and network contacts without a company.
  const emails = new Set<string>();
  const contactRows = [];
  for (let i = 0; i < peopleCount; i++) {
    const p = personName(rng);
    const roll = rng();
    const kind = roll < 0.75 ? 'client' : roll < 0.85 ? 'partner' : roll < 0.93 ? 'prospect' : 'network';
    const account = kind === 'client' || kind === 'prospect' ? pick(rng, accountRows) : null;
    let email = emailFor(p.first, p.last, account?.domain ?? 'mail.example');
    if (emails.has(email)) email = emailFor(p.first, p.last, account?.domain ?? 'mail.example', i);
    emails.add(email);
    contactRows.push({
      id: crypto.randomUUID(),
      workspaceId,
      accountId: account?.id ?? null,
      name: p.full,
      email,
      phone: rng() < 0.6 ? `+351 9${between(rng, 10_000_000, 99_999_999)}` : null,
      title: kind === 'partner' ? 'Partner' : pick(rng, titles),
      kind: kind as 'client' | 'partner' | 'prospect' | 'network',
      preferredChannel: pick(rng, ['email', 'phone', 'in_person', 'text'] as const),
      bestTime: rng() < 0.3 ? pick(rng, ['Mornings', 'After 4 pm', 'Fridays']) : null,
      family: rng() < 0.15 ? pick(rng, families) : null,
      interests: rng() < 0.3 ? pick(rng, interests) : null,
      workingOn: rng() < 0.3 ? `Planning a ${pick(rng, projects)}` : null,
      canHelpWith: rng() < 0.2 ? [pick(rng, expertise)] : [],
      tags: rng() < 0.25 ? [pick(rng, tagPool)] : [],
      maySurvey: rng() > 0.05,
      createdAt: new Date(now - between(rng, 1, 900) * day),
    });
  }
  await insertInBatches(contactRows, 1000, (batch) => db.insert(contacts).values(batch));

  // Conversations: most people have a few, with one or two teammates who know them.
  const interactionRows = [];
  const participantRows = [];
  const eventRows = [];
  const kinds: InteractionKind[] = ['meeting', 'call', 'call', 'email', 'email', 'message', 'note'];
  for (const c of contactRows) {
    const count = rng() < 0.15 ? 0 : between(rng, 1, c.kind === 'client' ? 5 : 2);
    const knownBy = [pick(rng, memberIds), ...(rng() < 0.3 ? [pick(rng, memberIds)] : [])];
    const project = pick(rng, projects);
    for (let k = 0; k < count; k++) {
      const kind = pick(rng, kinds);
      const occurredAt = new Date(now - between(rng, 1, 540) * day - between(rng, 0, 36_000) * 1000);
      const summary = pick(rng, summaries[kind]).replace('{p}', project);
      const outcome = kind === 'meeting' || kind === 'call' ? pick(rng, outcomes) : null;
      const id = crypto.randomUUID();
      const memberId = knownBy[k % knownBy.length]!;
      interactionRows.push({
        id,
        workspaceId,
        contactId: c.id,
        accountId: c.accountId,
        kind,
        direction: (kind === 'meeting' || kind === 'call'
          ? 'two_way'
          : rng() < 0.5
            ? 'inbound'
            : 'outbound') as 'two_way' | 'inbound' | 'outbound',
        occurredAt,
        summary,
        outcome,
        loggedByMemberId: memberId,
      });
      participantRows.push({ interactionId: id, memberId, workspaceId });
      eventRows.push({
        workspaceId,
        contactId: c.id,
        accountId: c.accountId,
        occurredAt,
        kind: 'interaction',
        refId: id,
        memberId,
        title: interactionTitle(kind, c.name),
        body: summary,
        data: { kind, outcome },
      });
    }
  }
  await insertInBatches(interactionRows, 1000, (batch) => db.insert(interactions).values(batch));
  await insertInBatches(participantRows, 2000, (batch) => db.insert(interactionParticipants).values(batch));
  await insertInBatches(eventRows, 1000, (batch) => db.insert(timelineEvents).values(batch));
  await recomputeStrengths(db, workspaceId, 'all');
  await db.execute(sql`analyze accounts, contacts, relationships, interactions, timeline_events`);
  ctx.log(
    `Created ${accountRows.length} companies, ${contactRows.length} people and ${interactionRows.length} logged conversations`,
  );
}
