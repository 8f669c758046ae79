import { sql } from 'drizzle-orm';
import { migrationStatus } from '../../db/migrate.ts';
import type { App, AppContext } from '../../http/types.ts';
import { healthResponse } from './schemas.ts';

export function healthRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Ready when the database answers and its migrations are current (503 otherwise)',
        response: { 200: healthResponse, 503: healthResponse },
      },
    },
    async (_request, reply) => {
      let reachable = false;
      let migrations = { current: false, applied: 0, expected: 0 };
      try {
        await ctx.db.execute(sql`select 1`);
        reachable = true;
        migrations = await migrationStatus(ctx.database);
      } catch (error) {
        _request.log.warn({ err: error }, 'health check failed');
      }
      const ok = reachable && migrations.current;
      return reply.status(ok ? 200 : 503).send({
        status: ok ? 'ok' : 'unavailable',
        database: { kind: ctx.database.kind, reachable },
        migrations,
        version: ctx.version,
      });
    },
  );
}
