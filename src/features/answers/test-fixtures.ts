// Test fixtures for answering: a survey with sends written straight to the database, as the
// surveys feature leaves them after mailing, with the tokens of their links.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { createContactVia, type TestContext, type WorkspaceHandle } from '../../test/app.ts';
import { deriveLinkSecret, newShareCode, signSendToken } from '../surveys/links.ts';

export type SendFixture = { sendId: string; contactId: string; token: string };

export function linkSecretOf(t: TestContext): Buffer {
  return deriveLinkSecret(t.config.sessionSecret!);
}

export async function surveyRow(
  t: TestContext,
  ws: WorkspaceHandle,
  options: { name?: string; question?: string; openQuestion?: string | null; status?: string } = {},
): Promise<{ surveyId: string; shareCode: string }> {
  const shareCode = newShareCode();
  const [row] = await queryRows<{ id: string }>(
    t.db,
    sql`insert into surveys (workspace_id, name, question, open_question, audience, status, share_code)
        values (${ws.workspaceId}, ${options.name ?? 'Spring check-in'},
                ${options.question ?? 'How likely are you to recommend us to a colleague?'},
                ${options.openQuestion === undefined ? 'What is the main reason for your score?' : options.openQuestion},
                '{"kind":"active_clients"}'::jsonb, ${options.status ?? 'active'}, ${shareCode})
        returning id`,
  );
  return { surveyId: row!.id, shareCode };
}

/** A send to each contact (made through the API, at a company when `accountName` is given). */
export async function sendsTo(
  t: TestContext,
  ws: WorkspaceHandle,
  surveyId: string,
  people: { name: string; email?: string; accountName?: string }[],
  options: { expiresInDays?: number } = {},
): Promise<SendFixture[]> {
  const out: SendFixture[] = [];
  for (const person of people) {
    const contact = await createContactVia(t, ws.cookie, person);
    const [send] = await queryRows<{ id: string }>(
      t.db,
      sql`insert into survey_sends (workspace_id, survey_id, contact_id, expires_at)
          values (${ws.workspaceId}, ${surveyId}, ${contact.id},
                  now() + make_interval(days => ${options.expiresInDays ?? 30}))
          returning id`,
    );
    out.push({ sendId: send!.id, contactId: contact.id, token: signSendToken(linkSecretOf(t), send!.id) });
  }
  return out;
}

export async function countAnswers(t: TestContext, surveyId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    t.db,
    sql`select count(*)::int as n from survey_answers where survey_id = ${surveyId}`,
  );
  return Number(row!.n);
}
