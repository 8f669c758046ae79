// Relationship strength: how well a team member knows a contact, 0 to 100, from logged
// interactions. The formula (also in the README):
//
//   each interaction in the last two years adds   kind weight x direction weight x recency
//     kind weight:       meeting 1.0, call 0.7, message 0.35, email 0.3, note 0
//     direction weight:  two-way 1.0, inbound 0.7 (they reached out), outbound 0.5
//     recency:           exp(-age in days / 90), so an interaction counts half after about 62 days
//   computed = round(100 x (1 - exp(-sum / 1.5)))
//   strength = the member's override if set, else the larger of computed and the imported baseline
//
// One meeting this week gives about 49; two give about 74; a weekly call for three months about 95;
// a single email six months ago about 1. Recency decays daily, so a nightly job recomputes all.
// A note is what we wrote down about someone, not a conversation with them: it is on the timeline
// but adds nothing, and the explanation never counts it as contact.
import type { InteractionKind, InteractionStats } from '../../db/schema/clients.ts';

export const KIND_WEIGHT: Record<InteractionKind, number> = {
  meeting: 1,
  call: 0.7,
  message: 0.35,
  email: 0.3,
  note: 0,
};
export const DIRECTION_WEIGHT = { two_way: 1, inbound: 0.7, outbound: 0.5 } as const;
export const RECENCY_DAYS = 90;
export const WINDOW_DAYS = 730;
export const SATURATION = 1.5;

export function strengthFromScore(score: number): number {
  return Math.round(100 * (1 - Math.exp(-score / SATURATION)));
}

export function effectiveStrength(r: { computed: number; baseline: number | null; override: number | null }) {
  return r.override ?? Math.max(r.computed, r.baseline ?? 0);
}

const kindWords: Record<InteractionKind, [string, string]> = {
  meeting: ['meeting', 'meetings'],
  call: ['call', 'calls'],
  message: ['message', 'messages'],
  email: ['email', 'emails'],
  note: ['note', 'notes'],
};

function ago(date: Date, now: Date): string {
  const days = Math.floor((now.getTime() - date.getTime()) / 86_400_000);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 60) return `${days} days ago`;
  const months = Math.round(days / 30);
  return months < 24 ? `${months} months ago` : `${Math.round(days / 365)} years ago`;
}

/** The number explained in plain sentences, strongest reason first. */
export function explainStrength(
  r: {
    computed: number;
    baseline: number | null;
    override: { strength: number; reason: string; byName: string | null } | null;
    stats: InteractionStats;
    interactionCount: number;
    lastInteractionAt: Date | null;
  },
  now = new Date(),
): string[] {
  const reasons: string[] = [];
  if (r.override) {
    reasons.push(
      `Set to ${r.override.strength} by ${r.override.byName ?? 'a former member'}: “${r.override.reason}”`,
    );
  }
  const conversationKinds = (Object.keys(kindWords) as InteractionKind[]).filter((k) => k !== 'note');
  const parts = conversationKinds
    .filter((k) => (r.stats[k] ?? 0) > 0)
    .map((k) => `${r.stats[k]} ${kindWords[k][r.stats[k] === 1 ? 0 : 1]}`);
  const notes = r.stats.note ?? 0;
  const conversations = r.interactionCount - notes;
  if (parts.length > 0) {
    reasons.push(`${parts.join(', ')} in the last two years`);
    const twoWay = r.stats.twoWay ?? 0;
    reasons.push(
      twoWay * 2 >= conversations
        ? 'Mostly two-way conversations'
        : 'Mostly one-way contact (emails or messages without a reply)',
    );
  }
  if (notes > 0) {
    reasons.push(`${notes} ${kindWords.note[notes === 1 ? 0 : 1]} written (notes add nothing to strength)`);
  }
  if (r.lastInteractionAt) {
    reasons.push(
      r.stats.lastKind === 'note'
        ? `Last note ${ago(r.lastInteractionAt, now)}`
        : `Last contact ${ago(r.lastInteractionAt, now)}${r.stats.lastKind ? ` (${kindWords[r.stats.lastKind][0]})` : ''}`,
    );
  }
  if (r.baseline !== null && r.baseline > r.computed && !r.override) {
    reasons.push(`Imported as ${r.baseline}; logged conversations so far count for ${r.computed}`);
  }
  if (conversations <= 0 && r.baseline === null && !r.override) reasons.push('No conversation logged yet');
  return reasons;
}
