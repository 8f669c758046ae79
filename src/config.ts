// Environment -> one typed, validated Config. A bad value stops the boot with one line that names
// the variable and what it expects, so an operator never has to read a stack trace.
import path from 'node:path';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalString = z
  .string()
  .transform((v) => v.trim())
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const envSchema = z.object({
  PORT: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? '3000' : v.trim()))
    .pipe(
      z
        .string()
        .regex(/^\d+$/, 'an integer between 1 and 65535')
        .transform(Number)
        .pipe(
          z
            .number()
            .int()
            .min(1, 'an integer between 1 and 65535')
            .max(65535, 'an integer between 1 and 65535'),
        ),
    ),
  HOST: optionalString.transform((v) => v ?? 'localhost'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, 'a PostgreSQL URL such as postgres://user:pass@host:5432/warmpath')
      .optional(),
  ),
  WARMPATH_DATA_DIR: optionalString.transform((v) => path.resolve(v ?? './data')),
  WARMPATH_DB_THREAD: optionalString.pipe(
    z
      .enum(['on', 'off'], { error: 'on or off' })
      .optional()
      .transform((v) => v === 'on'),
  ),
  PUBLIC_URL: optionalString.pipe(
    z
      .string()
      .regex(/^https?:\/\/[^/\s]+(\/.*)?$/, 'an http(s) URL such as https://warmpath.example.com')
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
  ),
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\/.+/, 'an SMTP URL such as smtp://user:pass@mail.example.com:587')
      .optional(),
  ),
  SESSION_SECRET: optionalString.pipe(z.string().min(32, 'at least 32 characters').optional()),
  LOG_LEVEL: optionalString.pipe(
    z
      .enum(logLevels, { error: `one of ${logLevels.join(', ')}` })
      .optional()
      .transform((v) => v ?? 'info'),
  ),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** The embedded database in a worker thread of its own (see db/pglite-connection.ts). */
  dbThread: boolean;
  publicUrl: string;
  /** True when PUBLIC_URL is https: cookies then carry Secure. */
  secureCookies: boolean;
  smtpUrl: string | undefined;
  /** When unset, a secret is generated once and stored in the database (see db/instance-secret.ts). */
  sessionSecret: string | undefined;
  logLevel: (typeof logLevels)[number];
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const raw = env[name];
    // Never echo secrets back into logs.
    const shown =
      name === 'SESSION_SECRET' || name === 'DATABASE_URL' || name === 'SMTP_URL' ? '' : ` (got "${raw}")`;
    throw new ConfigError(`Invalid configuration: ${name} must be ${issue.message}${shown}`);
  }
  const e = parsed.data;
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.WARMPATH_DATA_DIR,
    dbThread: e.WARMPATH_DB_THREAD,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    smtpUrl: e.SMTP_URL,
    sessionSecret: e.SESSION_SECRET,
    logLevel: e.LOG_LEVEL,
  };
}
