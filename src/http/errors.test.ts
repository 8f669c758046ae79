import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AppError } from '../errors.ts';
import { call, createTestApp, newWorkspace, type TestContext } from '../test/app.ts';
import { BODY_LIMIT_BYTES } from './app.ts';
import { toAppError } from './errors.ts';

let t: TestContext;
before(async () => {
  t = await createTestApp();
});
after(async () => t.close());

describe('bad input gets a clear 4xx', () => {
  test('malformed JSON is 400 invalid_json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.c",',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'invalid_json');
  });

  test('wrong types name the field', async () => {
    const res = await call(t, 'POST', '/api/v1/auth/login', { body: { email: 42, password: ['x'] } });
    assert.equal(res.status, 400);
    assert.deepEqual(
      res.body.error.details.map((d: { path: string }) => d.path),
      ['body.email', 'body.password'],
    );
  });

  test('unknown fields are refused where they matter', async () => {
    const ws = await newWorkspace(t);
    const res = await call(t, 'PATCH', '/api/v1/workspace', {
      cookie: ws.cookie,
      body: { name: 'X', isAdmin: true },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.details[0].path, 'body.isAdmin');
  });

  test('oversized bodies are 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(BODY_LIMIT_BYTES) }),
    });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, 'payload_too_large');
  });

  test('a form post (cross-site style) is 415, not parsed', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a@b.c&password=x',
    });
    assert.equal(res.statusCode, 415);
    assert.equal(res.json().error.code, 'unsupported_media_type');
  });

  test('unknown API paths are JSON 404s', async () => {
    const res = await call(t, 'GET', '/api/v1/does-not-exist');
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'not_found');
  });
});

describe('error model', () => {
  test('unexpected errors become a 500 without internals', async () => {
    const exploding = await createTestApp({
      beforeReady: (app) =>
        app.get('/api/test-explode', { config: { access: 'public' } }, async () => {
          throw new Error('secret internal detail at /srv/db');
        }),
    });
    try {
      const res = await call(exploding, 'GET', '/api/test-explode');
      assert.equal(res.status, 500);
      assert.equal(res.body.error.code, 'internal');
      assert.ok(!JSON.stringify(res.body).includes('secret internal detail'));
    } finally {
      await exploding.close();
    }
  });

  test('AppError codes map to their statuses', () => {
    assert.equal(toAppError(new AppError('forbidden', 'no'))?.status, 403);
    assert.equal(toAppError(Object.assign(new Error('dup'), { code: '23505' }))?.status, 409);
    assert.equal(toAppError(new Error('boom')), null);
  });
});

describe('health and API docs', () => {
  test('health reports the database and migrations', async () => {
    const res = await call(t, 'GET', '/api/health');
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'ok');
    assert.equal(res.body.database.reachable, true);
    assert.equal(res.body.migrations.current, true);
  });

  test('OpenAPI lists the routes with their schemas; the docs page renders', async () => {
    const res = await call(t, 'GET', '/api/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(res.body.openapi, '3.0.3');
    assert.ok(res.body.paths['/api/v1/auth/login'].post.requestBody);
    assert.ok(res.body.paths['/api/v1/members/{id}'].patch);
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger/i);
  });

  test('security headers are set', async () => {
    const res = await call(t, 'GET', '/api/health');
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });
});
