import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

test('defaults give a working local setup', () => {
  const config = loadConfig({});
  assert.equal(config.port, 3000);
  assert.equal(config.host, 'localhost');
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.dataDir, path.resolve('./data'));
  assert.equal(config.publicUrl, 'http://localhost:3000');
  assert.equal(config.secureCookies, false);
  assert.equal(config.logLevel, 'info');
});

test('reads every variable', () => {
  const config = loadConfig({
    PORT: '8080',
    HOST: '0.0.0.0',
    DATABASE_URL: 'postgres://u:p@db:5432/warmpath',
    WARMPATH_DATA_DIR: '/var/lib/warmpath',
    PUBLIC_URL: 'https://warmpath.example.com/',
    SMTP_URL: 'smtp://mail.example.com:587',
    SESSION_SECRET: 'x'.repeat(40),
    LOG_LEVEL: 'warn',
    WARMPATH_DB_THREAD: 'on',
  });
  assert.equal(config.port, 8080);
  assert.equal(config.dbThread, true);
  assert.equal(config.databaseUrl, 'postgres://u:p@db:5432/warmpath');
  assert.equal(config.publicUrl, 'https://warmpath.example.com');
  assert.equal(config.secureCookies, true);
  assert.equal(config.logLevel, 'warn');
});

test('empty values fall back to defaults', () => {
  assert.equal(loadConfig({ PORT: '', DATABASE_URL: ' ' }).port, 3000);
  assert.equal(loadConfig({}).dbThread, false);
});

const bad: [Record<string, string>, RegExp][] = [
  [{ PORT: 'abc' }, /^Invalid configuration: PORT must be an integer between 1 and 65535 \(got "abc"\)$/],
  [{ PORT: '70000' }, /PORT must be an integer between 1 and 65535/],
  [{ DATABASE_URL: 'mysql://x' }, /^Invalid configuration: DATABASE_URL must be a PostgreSQL URL/],
  [{ PUBLIC_URL: 'warmpath.example.com' }, /PUBLIC_URL must be an http\(s\) URL/],
  [{ SMTP_URL: 'mail.example.com' }, /SMTP_URL must be an SMTP URL/],
  [{ SESSION_SECRET: 'short' }, /^Invalid configuration: SESSION_SECRET must be at least 32 characters$/],
  [
    { WARMPATH_DB_THREAD: 'yes' },
    /^Invalid configuration: WARMPATH_DB_THREAD must be on or off \(got "yes"\)$/,
  ],
  [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
];

for (const [env, message] of bad) {
  test(`rejects ${Object.keys(env)[0]}=${Object.values(env)[0]} with one clear line`, () => {
    assert.throws(
      () => loadConfig(env),
      (error: Error) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, message);
        assert.ok(!error.message.includes('\n'));
        return true;
      },
    );
  });
}

test('secrets are not echoed back', () => {
  assert.throws(
    () => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@x' }),
    (error: Error) => !error.message.includes('hunter2'),
  );
});
