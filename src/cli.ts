// The `warmpath` commands: the same commands the API runs, for operators and scripts. Every failure
// ends with one clear line on stderr and a non-zero exit.
import { randomBytes } from 'node:crypto';
import { Command, InvalidArgumentError, Option } from 'commander';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { DataDirLockedError } from './db/lock.ts';
import { migrateDatabase } from './db/migrate.ts';
import { memberRoles } from './db/schema/index.ts';
import { AppError } from './errors.ts';
import { registerAnswerImportCommand } from './features/answers/cli.ts';
import { registerImportCommands } from './features/imports/cli.ts';
import { createMember } from './features/members/create-member.ts';
import { setPassword } from './features/members/profile.ts';
import { findMemberByEmail } from './features/members/queries.ts';
import { createWorkspace } from './features/workspace/create-workspace.ts';
import { listWorkspaces, resolveWorkspace } from './features/workspace/queries.ts';
import { seedDemo } from './seed/demo.ts';
import { type Service, startServer, version } from './server.ts';
import { emailSchema, passwordSchema, personNameSchema, timeZoneSchema } from './shared/schemas.ts';

class UsageError extends Error {}

function parseWith<T>(schema: {
  safeParse(
    v: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
}) {
  return (value: string): T => {
    const result = schema.safeParse(value);
    if (!result.success) throw new InvalidArgumentError(result.error.issues[0]?.message ?? 'invalid value');
    return result.data;
  };
}

function parseServices(value: string): Service[] {
  const parts = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = parts.filter((p) => p !== 'web' && p !== 'worker');
  if (parts.length === 0 || bad.length > 0) throw new InvalidArgumentError('use web, worker or web,worker');
  return [...new Set(parts)] as Service[];
}

function parsePositiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('a positive whole number');
  return Number(value);
}

async function withDatabase<T>(config: Config, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function readPassword(fromStdin: boolean): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: randomBytes(12).toString('base64url'), generated: true };
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const password = input.replace(/\r?\n$/, '');
  const checked = passwordSchema.safeParse(password);
  if (!checked.success) throw new UsageError(checked.error.issues[0]!.message);
  return { password, generated: false };
}

const program = new Command()
  .name('warmpath')
  .description('Warmpath referral engine: server and operator commands')
  .version(version)
  .showHelpAfterError();

program
  .command('start')
  .description('Run the web server and the job worker (default: both in one process)')
  .addOption(
    new Option('--services <list>', 'comma-separated: web, worker')
      .argParser(parseServices)
      .default(['web', 'worker'], 'web,worker'),
  )
  .action(async (opts: { services: Service[] }) => {
    const config = loadConfig();
    if (!config.databaseUrl && opts.services.length < 2) {
      throw new UsageError(
        'Separate web and worker processes need a shared PostgreSQL server: set DATABASE_URL (the embedded database serves one process)',
      );
    }
    await startServer(config, opts.services);
  });

program
  .command('migrate')
  .description('Apply pending database migrations and exit')
  .action(async () => {
    const config = loadConfig();
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const { applied } = await migrateDatabase(database);
      console.log(
        applied > 0
          ? `Applied ${applied} migration(s) to ${database.location}`
          : `Database ${database.location} is up to date`,
      );
    } finally {
      await database.close();
    }
  });

program
  .command('seed')
  .description('Create the demo workspace (deterministic), optionally at a large scale for benchmarks')
  .requiredOption('--demo', 'create the demo workspace')
  .option('--scale <n>', 'volume for benchmarks: number of client contacts to generate', parsePositiveInt)
  .option('--replace', 'delete an existing demo workspace first')
  .action(async (opts: { scale?: number; replace?: boolean }) => {
    const config = loadConfig();
    await withDatabase(config, async (database) => {
      const result = await seedDemo(database.db, {
        scale: opts.scale,
        replace: Boolean(opts.replace),
        log: (m) => console.log(m),
      });
      console.log(`Demo workspace "${result.workspace.name}" (slug ${result.workspace.slug}) is ready.`);
      console.log(`Sign in as ${result.ownerEmail} with password ${result.password}`);
    });
  });

const workspace = program.command('workspace').description('Workspaces (firms) in this database');

workspace
  .command('list')
  .description('List workspaces')
  .action(async () => {
    await withDatabase(loadConfig(), async (database) => {
      const all = await listWorkspaces(database.db);
      if (all.length === 0) console.log('No workspaces yet.');
      for (const w of all) console.log(`${w.slug}\t${w.name}\t${w.timeZone}`);
    });
  });

workspace
  .command('create')
  .description('Create a workspace with its first owner (for hosted deployments)')
  .requiredOption('--name <firm>', 'firm name', parseWith(personNameSchema))
  .requiredOption('--owner-email <email>', 'owner email', parseWith(emailSchema))
  .requiredOption('--owner-name <name>', 'owner name', parseWith(personNameSchema))
  .option('--time-zone <tz>', 'IANA time zone', parseWith(timeZoneSchema))
  .option('--password-stdin', 'read the owner password from standard input (otherwise one is generated)')
  .action(
    async (opts: {
      name: string;
      ownerEmail: string;
      ownerName: string;
      timeZone?: string;
      passwordStdin?: boolean;
    }) => {
      const { password, generated } = await readPassword(Boolean(opts.passwordStdin));
      await withDatabase(loadConfig(), async (database) => {
        const { workspace: w } = await createWorkspace(database.db, {
          firmName: opts.name,
          timeZone: opts.timeZone,
          owner: { name: opts.ownerName, email: opts.ownerEmail, password },
        });
        console.log(`Created workspace ${w.slug} with owner ${opts.ownerEmail}`);
        if (generated) console.log(`Password: ${password}`);
      });
    },
  );

const user = program.command('user').description('Team members');

user
  .command('create')
  .description('Add a member with a password')
  .requiredOption('--email <email>', 'email', parseWith(emailSchema))
  .option(
    '--name <name>',
    'full name (defaults to the part of the email before @)',
    parseWith(personNameSchema),
  )
  .addOption(new Option('--role <role>', 'role').choices(memberRoles).default('member'))
  .option('--workspace <slug>', 'workspace slug (required when the database holds several)')
  .option(
    '--password-stdin',
    'read the password from standard input (otherwise one is generated and printed)',
  )
  .action(
    async (opts: {
      email: string;
      name?: string;
      role: (typeof memberRoles)[number];
      workspace?: string;
      passwordStdin?: boolean;
    }) => {
      const { password, generated } = await readPassword(Boolean(opts.passwordStdin));
      await withDatabase(loadConfig(), async (database) => {
        const ws = await resolveWorkspace(database.db, opts.workspace);
        await createMember(database.db, {
          workspaceId: ws.id,
          email: opts.email,
          name: opts.name ?? opts.email.split('@')[0]!,
          role: opts.role,
          password,
        });
        console.log(`Added ${opts.email} to ${ws.slug} as ${opts.role}`);
        if (generated) console.log(`Password: ${password}`);
      });
    },
  );

user
  .command('reset-password')
  .description('Set a new password for a member and end their sessions')
  .requiredOption('--email <email>', 'email', parseWith(emailSchema))
  .option('--workspace <slug>', 'workspace slug (required when the database holds several)')
  .option(
    '--password-stdin',
    'read the new password from standard input (otherwise one is generated and printed)',
  )
  .action(async (opts: { email: string; workspace?: string; passwordStdin?: boolean }) => {
    const { password, generated } = await readPassword(Boolean(opts.passwordStdin));
    await withDatabase(loadConfig(), async (database) => {
      const ws = await resolveWorkspace(database.db, opts.workspace);
      const member = await findMemberByEmail(database.db, ws.id, opts.email);
      if (!member) throw new AppError('not_found', `No member with email ${opts.email} in ${ws.slug}`);
      await setPassword(database.db, ws.id, member.id, password);
      console.log(`Password reset for ${opts.email} in ${ws.slug}; their sessions have ended`);
      if (generated) console.log(`New password: ${password}`);
    });
  });

registerImportCommands(program);
registerAnswerImportCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  const known =
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof AppError ||
    error instanceof UsageError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`warmpath: ${message}\n`);
  if (!known && process.env.LOG_LEVEL === 'debug' && error instanceof Error)
    process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
