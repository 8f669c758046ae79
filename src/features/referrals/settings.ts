// The workspace's referral settings: the currency new values are entered in, the stages at which
// a referrer is thanked, and whether a thank-you email goes out as well. Managers and owners change
// them; every member reads them (the board shows the currency).
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { workspaces } from '../../db/schema/index.ts';
import { type Actor, requireRole } from '../auth/actor.ts';
import { getReferralSettings } from './queries.ts';
import type { UpdateReferralSettingsBody } from './schemas.ts';

export async function updateReferralSettings(db: Db, actor: Actor, body: UpdateReferralSettingsBody) {
  requireRole(actor, 'manager');
  const set = {
    ...(body.currency !== undefined && { currency: body.currency }),
    ...(body.thankStages !== undefined && { referralThankStages: body.thankStages }),
    ...(body.thankEmail !== undefined && { referralThankEmail: body.thankEmail }),
  };
  if (Object.keys(set).length > 0) {
    await db.update(workspaces).set(set).where(eq(workspaces.id, actor.workspaceId));
  }
  return getReferralSettings(db, actor.workspaceId);
}
