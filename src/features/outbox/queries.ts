// The built-in outbox: every message the app sent (or, without SMTP, would have sent), newest first.
import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { outboxMessages } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import type { OutboxMessage } from './schemas.ts';

function parseCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = cursor.split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime())) {
    throw new AppError('validation_failed', 'query.before: not a cursor returned by this endpoint', [
      { path: 'query.before', message: 'Not a cursor returned by this endpoint' },
    ]);
  }
  return { createdAt, id };
}

export async function listOutbox(
  db: Db,
  workspaceId: string,
  page: { before?: string | undefined; limit: number },
): Promise<{ messages: OutboxMessage[]; nextCursor: string | null }> {
  const cursor = page.before ? parseCursor(page.before) : undefined;
  const rows = await db
    .select()
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.workspaceId, workspaceId),
        cursor
          ? or(
              lt(outboxMessages.createdAt, cursor.createdAt),
              and(eq(outboxMessages.createdAt, cursor.createdAt), lt(outboxMessages.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(page.limit + 1);
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows.at(-1);
  return {
    messages: pageRows.map((r) => ({
      id: r.id,
      to: r.toAddress,
      subject: r.subject,
      text: r.textBody,
      html: r.htmlBody,
      status: r.status,
      error: r.error,
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > page.limit && last ? `${last.createdAt.toISOString()}|${last.id}` : null,
  };
}
