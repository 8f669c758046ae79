// A contact's or an account's timeline, newest first, with keyset pagination.
import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { contacts, members, timelineEvents } from '../../db/schema/index.ts';
import { decodeCursor, encodeCursor } from '../../shared/cursor.ts';
import type { TimelineEvent } from './schemas.ts';

export async function listTimeline(
  db: Db,
  workspaceId: string,
  subject: { contactId: string } | { accountId: string },
  page: { cursor?: string | undefined; limit: number },
): Promise<{ events: TimelineEvent[]; nextCursor: string | null }> {
  const after = page.cursor ? decodeCursor(page.cursor) : undefined;
  const subjectFilter =
    'contactId' in subject
      ? eq(timelineEvents.contactId, subject.contactId)
      : eq(timelineEvents.accountId, subject.accountId);
  const rows = await db
    .select({ event: timelineEvents, memberName: members.name, contactName: contacts.name })
    .from(timelineEvents)
    .leftJoin(members, eq(members.id, timelineEvents.memberId))
    .leftJoin(contacts, eq(contacts.id, timelineEvents.contactId))
    .where(
      and(
        eq(timelineEvents.workspaceId, workspaceId),
        subjectFilter,
        after
          ? or(
              lt(timelineEvents.occurredAt, new Date(String(after.value))),
              and(
                eq(timelineEvents.occurredAt, new Date(String(after.value))),
                lt(timelineEvents.id, after.id),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(desc(timelineEvents.occurredAt), desc(timelineEvents.id))
    .limit(page.limit + 1);
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows.at(-1);
  return {
    events: pageRows.map(({ event, memberName, contactName }) => ({
      id: event.id,
      kind: event.kind,
      occurredAt: event.occurredAt.toISOString(),
      title: event.title,
      body: event.body,
      refId: event.refId,
      contact: event.contactId && contactName ? { id: event.contactId, name: contactName } : null,
      member: event.memberId && memberName ? { id: event.memberId, name: memberName } : null,
      data: event.data,
    })),
    nextCursor:
      rows.length > page.limit && last
        ? encodeCursor(last.event.occurredAt.toISOString(), last.event.id)
        : null,
  };
}
