import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type SQL, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import {
  call,
  createContactVia,
  createTestApp,
  logVia,
  newMember,
  newWorkspace,
  type TestContext,
} from '../../test/app.ts';
import { enrolPendingAnswers } from './enrol-pending-answers.ts';
import { type MergeFieldKey, mergeFields, renderScript, renderScriptSql } from './merge-fields.ts';
import { answerFrom, surveyIn, tasksForAnswer } from './test-fixtures.ts';

let t: TestContext;
before(async () => {
  t = await createTestApp();
});
after(async () => t.close());

const step = (over: Record<string, unknown> = {}) => ({
  title: 'Thank-you call',
  action: 'thank',
  offsetDays: 2,
  after: 'trigger',
  owner: { kind: 'strongest_relationship' },
  channel: 'preferred',
  script: 'Hi {{contact.firstName}}, thank you!',
  ...over,
});

describe('playbooks', () => {
  test('every new workspace has an active default playbook for each kind of answer', async () => {
    const ws = await newWorkspace(t);
    const res = await call(t, 'GET', '/api/v1/playbooks', { cookie: ws.cookie });
    assert.equal(res.status, 200);
    const active = res.body.playbooks.filter((p: { active: boolean }) => p.active);
    assert.deepEqual(active.map((p: { trigger: string }) => p.trigger).sort(), [
      'answer.detractor',
      'answer.passive',
      'answer.promoter',
    ]);
    assert.ok(res.body.mergeFields.some((f: { key: string }) => f.key === 'recent.work'));

    const detractor = active.find((p: { trigger: string }) => p.trigger === 'answer.detractor');
    const detail = await call(t, 'GET', `/api/v1/playbooks/${detractor.id}`, { cookie: ws.cookie });
    assert.deepEqual(detail.body.steps[0].owner, { kind: 'role', role: 'manager' });
    assert.equal(detail.body.steps[0].offsetDays, 1);
    // A detractor is never asked for anything.
    assert.ok(detail.body.steps.every((s: { action: string }) => !s.action.startsWith('ask_')));

    const promoter = active.find((p: { trigger: string }) => p.trigger === 'answer.promoter');
    const steps = (await call(t, 'GET', `/api/v1/playbooks/${promoter.id}`, { cookie: ws.cookie })).body
      .steps;
    assert.deepEqual(
      steps.map((s: { action: string }) => s.action),
      ['thank', 'ask_review', 'ask_recommendation'],
      'thank and listen first, the specific ask last',
    );
  });

  test('editing creates a new version and never changes tasks already created', async () => {
    const ws = await newWorkspace(t, 'Versioned Firm');
    const ana = await createContactVia(t, ws.cookie, { name: 'Ana Version' });
    await logVia(t, ws.cookie, { contactId: ana.id, kind: 'meeting' });
    const survey = await surveyIn(t, ws);
    const first = await answerFrom(t, ws, survey, ana.id, 10);
    await enrolPendingAnswers(t.db, { workspaceId: ws.workspaceId });
    const [before] = await tasksForAnswer(t, first);

    const list = await call(t, 'GET', '/api/v1/playbooks', { cookie: ws.cookie });
    const promoter = list.body.playbooks.find(
      (p: { trigger: string; active: boolean }) => p.trigger === 'answer.promoter' && p.active,
    );
    const detail = await call(t, 'GET', `/api/v1/playbooks/${promoter.id}`, { cookie: ws.cookie });
    const edited = detail.body.steps.map((s: { key: string; script: string }, i: number) =>
      i === 0 ? { ...s, script: 'Hello {{ contact.name }}, from {{workspace.name}}.', offsetDays: 0 } : s,
    );
    const saved = await call(t, 'PATCH', `/api/v1/playbooks/${promoter.id}`, {
      cookie: ws.cookie,
      body: { steps: edited },
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.currentVersion, 2);
    assert.equal(saved.body.steps[0].script, 'Hello {{contact.name}}, from {{workspace.name}}.');
    assert.equal(saved.body.steps[0].key, detail.body.steps[0].key, 'step keys survive edits');
    assert.deepEqual(
      saved.body.versions.map((v: { version: number; tasks: number }) => [v.version, v.tasks]),
      [
        [2, 0],
        [1, 1],
      ],
    );
    // Saving the same steps again is not a new version.
    const same = await call(t, 'PATCH', `/api/v1/playbooks/${promoter.id}`, {
      cookie: ws.cookie,
      body: { steps: saved.body.steps, name: 'Promoters, our way' },
    });
    assert.equal(same.body.currentVersion, 2);
    assert.equal(same.body.name, 'Promoters, our way');

    const [after] = await tasksForAnswer(t, first);
    assert.deepEqual(after, before, 'the task created from version 1 is untouched');

    const second = await answerFrom(t, ws, survey, ana.id, 9);
    await enrolPendingAnswers(t.db, { workspaceId: ws.workspaceId });
    const [fresh] = await tasksForAnswer(t, second);
    assert.equal(fresh?.script, 'Hello Ana Version, from Versioned Firm.');

    const v1 = await call(t, 'GET', `/api/v1/playbooks/${promoter.id}/versions/1`, { cookie: ws.cookie });
    assert.equal(v1.body.steps[0].script, detail.body.steps[0].script);
    const missing = await call(t, 'GET', `/api/v1/playbooks/${promoter.id}/versions/9`, {
      cookie: ws.cookie,
    });
    assert.equal(missing.status, 404);
  });

  test('an unknown merge field is refused with its name; nothing is stored', async () => {
    const ws = await newWorkspace(t);
    const res = await call(t, 'POST', '/api/v1/playbooks', {
      cookie: ws.cookie,
      body: {
        name: 'Typo',
        trigger: 'answer.promoter',
        steps: [step(), step({ script: 'Hi {{contact.frstName}} and {{deal.value}}' })],
      },
    });
    assert.equal(res.status, 400);
    assert.match(
      res.body.error.message,
      /Unknown merge fields \{\{contact\.frstName\}\}, \{\{deal\.value\}\}/,
    );
    assert.equal(res.body.error.details[0].path, 'steps.1.script');
    const list = await call(t, 'GET', '/api/v1/playbooks', { cookie: ws.cookie });
    assert.ok(!list.body.playbooks.some((p: { name: string }) => p.name === 'Typo'));

    const bad = await call(t, 'POST', '/api/v1/playbooks', {
      cookie: ws.cookie,
      body: { name: 'Bad', trigger: 'answer.unknown', steps: [step({ offsetDays: -1 })] },
    });
    assert.equal(bad.status, 400);
    const none = await call(t, 'POST', '/api/v1/playbooks', {
      cookie: ws.cookie,
      body: { name: 'Empty', trigger: 'answer.promoter', steps: [] },
    });
    assert.equal(none.status, 400);
    assert.match(JSON.stringify(none.body), /at least one step/);
  });

  test('members read, managers edit; one active playbook per trigger', async () => {
    const ws = await newWorkspace(t);
    const member = await newMember(t, ws, 'member');
    const manager = await newMember(t, ws, 'manager');
    assert.equal((await call(t, 'GET', '/api/v1/playbooks', { cookie: member.cookie })).status, 200);
    const refused = await call(t, 'POST', '/api/v1/playbooks', {
      cookie: member.cookie,
      body: { name: 'Mine', trigger: 'answer.passive', steps: [step()] },
    });
    assert.equal(refused.status, 403);

    const created = await call(t, 'POST', '/api/v1/playbooks', {
      cookie: manager.cookie,
      body: {
        name: 'Passive: coffee',
        trigger: 'answer.passive',
        steps: [step({ key: 'coffee' }), step({ title: 'Then lunch', after: 'previous' })],
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.active, false, 'the default stays active until this one is activated');
    assert.deepEqual(
      created.body.steps.map((s: { key: string }) => s.key),
      ['coffee', 'then-lunch'],
    );

    const activated = await call(t, 'POST', `/api/v1/playbooks/${created.body.id}/activate`, {
      cookie: manager.cookie,
    });
    assert.equal(activated.body.active, true);
    const list = await call(t, 'GET', '/api/v1/playbooks', { cookie: member.cookie });
    const passives = list.body.playbooks.filter((p: { trigger: string }) => p.trigger === 'answer.passive');
    assert.deepEqual(
      passives.map((p: { name: string; active: boolean }) => [p.name, p.active]),
      [
        ['Passive: coffee', true],
        ['Passive: listen and learn', false],
      ],
    );

    const archived = await call(t, 'POST', `/api/v1/playbooks/${created.body.id}/archive`, {
      cookie: manager.cookie,
    });
    assert.equal(archived.body.archived, true);
    assert.equal(archived.body.active, false);
    const reactivate = await call(t, 'POST', `/api/v1/playbooks/${created.body.id}/activate`, {
      cookie: manager.cookie,
    });
    assert.equal(reactivate.status, 409);
    const edit = await call(t, 'PATCH', `/api/v1/playbooks/${created.body.id}`, {
      cookie: manager.cookie,
      body: { name: 'x' },
    });
    assert.equal(edit.status, 409);
  });

  test('a step naming a deactivated member is refused', async () => {
    const ws = await newWorkspace(t);
    const gone = await newMember(t, ws, 'member', 'Gone Gary');
    await call(t, 'PATCH', `/api/v1/members/${gone.memberId}`, {
      cookie: ws.cookie,
      body: { status: 'deactivated' },
    });
    const res = await call(t, 'POST', '/api/v1/playbooks', {
      cookie: ws.cookie,
      body: {
        name: 'Gary',
        trigger: 'answer.promoter',
        steps: [step({ owner: { kind: 'member', memberId: gone.memberId } })],
      },
    });
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /Gone Gary is deactivated/);
  });

  test('the preview fills the fields for a real contact and never says undefined', async () => {
    const ws = await newWorkspace(t, 'Preview Partners');
    const empty = await call(t, 'POST', '/api/v1/playbooks/preview', {
      cookie: ws.cookie,
      body: { script: 'Hi {{contact.firstName}}, about {{recent.work}} at {{account.name}} ({{bogus}})' },
    });
    assert.equal(empty.status, 200);
    assert.equal(empty.body.contact, null);
    assert.equal(empty.body.text, 'Hi there, about our recent work together at your team ({{bogus}})');
    assert.deepEqual(empty.body.unknownFields, ['bogus']);

    const ana = await createContactVia(t, ws.cookie, { name: 'Ana Preview', accountName: 'Acme Preview' });
    await logVia(t, ws.cookie, {
      contactId: ana.id,
      kind: 'meeting',
      summary: 'the Q3 audit',
      outcome: 'delivered two weeks early',
    });
    await answerFrom(t, ws, await surveyIn(t, ws), ana.id, 9, 'Great audit, fast team');
    const res = await call(t, 'POST', '/api/v1/playbooks/preview', {
      cookie: ws.cookie,
      body: {
        script:
          '{{contact.firstName}} ({{contact.name}}, {{account.name}}) gave {{answer.score}}: {{answer.comment}}. {{member.firstName}} of {{workspace.name}} on {{recent.work}}',
      },
    });
    assert.equal(
      res.body.text,
      'Ana (Ana Preview, Acme Preview) gave 9: Great audit, fast team. Owner of Preview Partners on the Q3 audit: delivered two weeks early',
    );
    assert.equal(res.body.contact.name, 'Ana Preview');
  });

  test('renderScript and the SQL rendering agree, including missing values', async () => {
    const script =
      'Hi {{contact.firstName}}, {{answer.comment}} / {{member.name}} / {{answer.score}} {{x.y}}';
    const values = {
      'contact.firstName': '  ',
      'answer.comment': 'Says {{member.name}}',
      'answer.score': 7,
    } as const;
    const expected = 'Hi there, Says {{member.name}} / our team / 7 {{x.y}}';
    assert.equal(renderScript(script, values), expected);
    const sqlValues = Object.fromEntries(
      mergeFields.map((f) => {
        const v = (values as Record<string, string | number | undefined>)[f.key];
        return [f.key, v === undefined ? sql`null` : sql`${String(v)}`];
      }),
    ) as Record<MergeFieldKey, SQL>;
    const [row] = await queryRows<{ text: string }>(
      t.db,
      sql`select ${renderScriptSql(sql`${script}::text`, sqlValues)} as text`,
    );
    assert.equal(row?.text, expected);
  });
});
