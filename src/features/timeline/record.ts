// Writes an event to the timeline of a contact and/or account. Every feature with something to
// show there calls this in the same transaction as its change.
import type { Db } from '../../db/client.ts';
import { timelineEvents } from '../../db/schema/index.ts';

export type NewTimelineEvent = {
  workspaceId: string;
  contactId?: string | null;
  accountId?: string | null;
  occurredAt?: Date;
  kind: string;
  refId?: string | null;
  memberId?: string | null;
  title: string;
  body?: string | null;
  data?: Record<string, unknown>;
};

export async function recordTimelineEvent(db: Db, event: NewTimelineEvent): Promise<void> {
  await db.insert(timelineEvents).values({
    workspaceId: event.workspaceId,
    contactId: event.contactId ?? null,
    accountId: event.accountId ?? null,
    occurredAt: event.occurredAt ?? new Date(),
    kind: event.kind,
    refId: event.refId ?? null,
    memberId: event.memberId ?? null,
    title: event.title,
    body: event.body ?? null,
    data: event.data ?? {},
  });
}
