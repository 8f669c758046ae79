// Imports and exports through the API, as the web wizard drives them: create, upload, read back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  call,
  createTestApp,
  newMember,
  newWorkspace,
  type TestContext,
  type WorkspaceHandle,
} from '../../test/app.ts';

async function runImportVia(
  t: TestContext,
  cookie: string,
  kind: 'contacts' | 'relationships' | 'interactions',
  csv: string | Buffer,
  options: { dryRun?: boolean; mapping?: (string | null)[]; allowNoKey?: boolean } = {},
) {
  const created = await call(t, 'POST', '/api/v1/imports', {
    cookie,
    body: { kind, fileName: `${kind}.csv`, ...options },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const res = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/imports/${created.body.id}/file`,
    headers: { cookie, 'content-type': 'text/csv' },
    payload: csv,
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

async function contactsOf(t: TestContext, ws: WorkspaceHandle) {
  const res = await call(t, 'GET', '/api/v1/contacts?archived=all&limit=200&sort=name', {
    cookie: ws.cookie,
  });
  return res.body.contacts as {
    id: string;
    name: string;
    email: string | null;
    tags: string[];
    account: { name: string } | null;
  }[];
}

describe('imports', () => {
  let t: TestContext;
  let ws: WorkspaceHandle;
  before(async () => {
    t = await createTestApp();
    ws = await newWorkspace(t, 'Import Firm');
  });
  after(async () => t.close());

  test('a dry run reports every problem with row and column and stores nothing', async () => {
    const csv = [
      'Full Name,E-mail,Type,Company',
      'Ana Silva,ana@example.test,client,Acme',
      ',nobody@example.test,client,',
      'Bad Email,not-an-email,client,',
      'Twice,ana@example.test,partner,',
      'Odd Kind,odd@example.test,king,',
    ].join('\n');
    const result = await runImportVia(t, ws.cookie, 'contacts', csv, { dryRun: true });
    assert.equal(result.status, 'invalid');
    assert.deepEqual(
      result.errors.map((e: { row: number; column: string; message: string }) => [
        e.row,
        e.column,
        e.message.split(':')[0],
      ]),
      [
        [3, 'Full Name', 'Name is required'],
        [4, 'E-mail', 'Not a valid email address'],
        [5, 'E-mail', 'Same email as row 2'],
        [6, 'Type', 'Use one of'],
      ],
    );
    assert.equal(result.errorCount, 4);
    assert.deepEqual(await contactsOf(t, ws), []);
    // Without --dry-run the same file is refused whole.
    const real = await runImportVia(t, ws.cookie, 'contacts', csv);
    assert.equal(real.status, 'invalid');
    assert.deepEqual(await contactsOf(t, ws), []);
  });

  test('rows without email or external id are refused unless allowed', async () => {
    const csv = 'Name,Company\nNo Key,Acme\n';
    const refused = await runImportVia(t, ws.cookie, 'contacts', csv, { dryRun: true });
    assert.equal(refused.status, 'invalid');
    assert.match(refused.errors[0].message, /Email or external id is required/);
    const allowed = await runImportVia(t, ws.cookie, 'contacts', csv, { dryRun: true, allowNoKey: true });
    assert.equal(allowed.status, 'completed');
    assert.deepEqual(allowed.summary, { created: 1, updated: 0, accountsCreated: 1 });
  });

  test('empty file, header only, and a file that is not UTF-8 fail with a clear message', async () => {
    const empty = await runImportVia(t, ws.cookie, 'contacts', '');
    assert.equal(empty.status, 'failed');
    assert.match(empty.message, /empty/);
    const headerOnly = await runImportVia(t, ws.cookie, 'contacts', 'Name,Email\r\n');
    assert.equal(headerOnly.status, 'failed');
    assert.match(headerOnly.message, /header row but no data rows/);
    const latin1 = Buffer.from('Name,Email\nJos\xe9 M\xfcller,jose@example.test\n', 'latin1');
    const bad = await runImportVia(t, ws.cookie, 'contacts', latin1);
    assert.equal(bad.status, 'failed');
    assert.match(bad.message, /not UTF-8/);
    assert.deepEqual(await contactsOf(t, ws), []);
  });

  test('10 MB on one line is refused without reading it all into memory', async () => {
    const line = Buffer.alloc(10 * 1024 * 1024, 'a');
    const before = process.memoryUsage().rss;
    const result = await runImportVia(
      t,
      ws.cookie,
      'contacts',
      Buffer.concat([Buffer.from('Name,Email\n'), line]),
    );
    assert.equal(result.status, 'failed');
    assert.match(result.message, /Row 2 is longer than 1,000,000 characters/);
    assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024);
  });

  test('BOM, semicolons and quoted line breaks; a re-run updates instead of duplicating', async () => {
    const other = await newWorkspace(t, 'Semicolon Firm');
    const csv =
      '\uFEFFName;Email;Company;Notes;Tags\r\n"Silva, Ana";ana@semi.test;Acme;"line one\r\nline; two";vip,board\r\nBo Li;BO@semi.test;acme;;\r\n';
    const first = await runImportVia(t, other.cookie, 'contacts', csv);
    assert.equal(first.status, 'completed', JSON.stringify(first));
    assert.deepEqual(first.summary, { created: 2, updated: 0, accountsCreated: 1 });
    const again = await runImportVia(t, other.cookie, 'contacts', csv);
    assert.deepEqual(again.summary, { created: 0, updated: 2, accountsCreated: 0 });
    const people = await contactsOf(t, other);
    assert.deepEqual(
      people.map((p) => [p.name, p.email, p.account?.name, p.tags]),
      [
        ['Bo Li', 'bo@semi.test', 'Acme', []],
        ['Silva, Ana', 'ana@semi.test', 'Acme', ['vip', 'board']],
      ],
    );
    const detail = await call(t, 'GET', `/api/v1/contacts/${people[1]!.id}`, { cookie: other.cookie });
    assert.equal(detail.body.notes, 'line one\r\nline; two');
    const timeline = await call(t, 'GET', `/api/v1/contacts/${people[1]!.id}/timeline`, {
      cookie: other.cookie,
    });
    assert.deepEqual(
      timeline.body.events.map((e: { kind: string; title: string }) => [e.kind, e.title]),
      [['contact.created', 'Added by import']],
    );
  });

  test('export round-trips through import, formulas escaped on the way out and restored on the way in', async () => {
    const firm = await newWorkspace(t, 'Formula Firm');
    const csv = 'name,email,notes,phone,tags\n=HYPERLINK("x"),f@formula.test,=1+2,+1 555 0100,a;b\n';
    const imported = await runImportVia(t, firm.cookie, 'contacts', csv);
    assert.equal(imported.status, 'completed', JSON.stringify(imported));
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/exports/contacts.csv',
      headers: { cookie: firm.cookie },
    });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="contacts-/);
    const text = res.body.replace(/^\uFEFF/, '');
    const [header, line] = text.split('\r\n');
    assert.equal(
      header,
      'name,email,other_emails,phone,title,company,kind,preferred_channel,best_time,family,interests,working_on,notes,can_help_with,tags,may_email,may_survey,external_id',
    );
    assert.equal(
      line,
      `"'=HYPERLINK(""x"")",f@formula.test,,'+1 555 0100,,,client,,,,,,'=1+2,,"a;b",true,true,`,
    );
    const again = await runImportVia(t, firm.cookie, 'contacts', res.rawPayload);
    assert.deepEqual(again.summary, { created: 0, updated: 1, accountsCreated: 0 });
    const [c] = await contactsOf(t, firm);
    const detail = await call(t, 'GET', `/api/v1/contacts/${c!.id}`, { cookie: firm.cookie });
    assert.equal(detail.body.name, '=HYPERLINK("x")');
    assert.equal(detail.body.notes, '=1+2');
    assert.equal(detail.body.phone, '+1 555 0100');
  });

  test('external id is the key when present; email links an existing person to it', async () => {
    const firm = await newWorkspace(t, 'Key Firm');
    await runImportVia(t, firm.cookie, 'contacts', 'Name,Email\nAna,ana@key.test\n');
    const linked = await runImportVia(
      t,
      firm.cookie,
      'contacts',
      'Record ID,Name,Email\nCRM-1,Ana Silva,ana@key.test\n',
    );
    assert.deepEqual(linked.summary, { created: 0, updated: 1, accountsCreated: 0 });
    const renamed = await runImportVia(
      t,
      firm.cookie,
      'contacts',
      'Record ID,Name,Email\nCRM-1,Ana S.,ana.s@key.test\n',
    );
    assert.deepEqual(renamed.summary, { created: 0, updated: 1, accountsCreated: 0 });
    const people = await contactsOf(t, firm);
    assert.deepEqual(
      people.map((p) => [p.name, p.email]),
      [['Ana S.', 'ana.s@key.test']],
    );
  });

  test('relationships: baseline strength, unknown members (another workspace) refused', async () => {
    const firm = await newWorkspace(t, 'Rel Firm');
    const stranger = await newWorkspace(t, 'Stranger Firm');
    const colleague = await newMember(t, firm, 'member', 'Cora Colleague');
    await runImportVia(t, firm.cookie, 'contacts', 'Name,Email\nAna,ana@rel.test\nBo,bo@rel.test\n');
    const bad = await runImportVia(
      t,
      firm.cookie,
      'relationships',
      `Contact Email,Member Email,Strength\nana@rel.test,${stranger.email},50\nghost@rel.test,${colleague.email},40\nbo@rel.test,${colleague.email},101\n`,
    );
    assert.equal(bad.status, 'invalid');
    assert.deepEqual(
      bad.errors.map((e: { row: number; column: string; message: string }) => [e.row, e.column, e.message]),
      [
        [2, 'Member Email', 'No team member with this email in this workspace'],
        [3, 'Contact Email', 'No contact with this email: import contacts first'],
        [4, 'Strength', 'Use a whole number from 0 to 100'],
      ],
    );
    const csv = `Contact Email,Member Email,Strength\nana@rel.test,${colleague.email},60\nbo@rel.test,${firm.email},30\n`;
    const ok = await runImportVia(t, firm.cookie, 'relationships', csv);
    assert.deepEqual(ok.summary, { created: 2, updated: 0 });
    assert.deepEqual((await runImportVia(t, firm.cookie, 'relationships', csv)).summary, {
      created: 0,
      updated: 2,
    });
    const ana = (await contactsOf(t, firm)).find((c) => c.email === 'ana@rel.test')!;
    const detail = await call(t, 'GET', `/api/v1/contacts/${ana.id}`, { cookie: firm.cookie });
    assert.deepEqual(
      detail.body.relationships.map(
        (r: { member: { name: string }; strength: number; baselineStrength: number }) => [
          r.member.name,
          r.strength,
          r.baselineStrength,
        ],
      ),
      [['Cora Colleague', 60, 60]],
    );
  });

  test('interactions: participants, timeline, strength; re-run by external id updates', async () => {
    const firm = await newWorkspace(t, 'Talk Firm');
    const colleague = await newMember(t, firm, 'manager', 'Dana Doer');
    await runImportVia(t, firm.cookie, 'contacts', 'Name,Email\nAna Silva,ana@talk.test\n');
    const today = new Date().toISOString().slice(0, 10);
    const csv = `ID,Contact Email,Participants,Type,Date,Summary,Outcome\nA-1,ana@talk.test,${colleague.email};${firm.email},call,${today},Talked about the audit,Promised an intro\n`;
    const first = await runImportVia(t, firm.cookie, 'interactions', csv);
    assert.equal(first.status, 'completed', JSON.stringify(first));
    assert.deepEqual(first.summary, { created: 1, updated: 0 });
    assert.deepEqual((await runImportVia(t, firm.cookie, 'interactions', csv)).summary, {
      created: 0,
      updated: 1,
    });
    const [ana] = await contactsOf(t, firm);
    const timeline = await call(t, 'GET', `/api/v1/contacts/${ana!.id}/timeline`, { cookie: firm.cookie });
    const calls = timeline.body.events.filter((e: { kind: string }) => e.kind === 'interaction');
    assert.equal(calls.length, 1);
    assert.equal(calls[0].title, 'Call with Ana Silva');
    assert.equal(calls[0].body, 'Talked about the audit');
    const detail = await call(t, 'GET', `/api/v1/contacts/${ana!.id}`, { cookie: firm.cookie });
    assert.equal(detail.body.relationships.length, 2);
    assert.ok(detail.body.relationships.every((r: { strength: number }) => r.strength > 0));
  });

  test('preview detects the mapping; members may neither import nor export', async () => {
    const preview = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/preview?kind=contacts&partial=true',
      headers: { cookie: ws.cookie, 'content-type': 'text/csv' },
      payload:
        'First Name;Last Name;Email Address;Organization;Mobile;Whatever\nAna;Silva;ana@x.test;Acme;123;z\nBo;Li;bo@x.',
    });
    assert.equal(preview.statusCode, 200, preview.body);
    const body = preview.json();
    assert.equal(body.delimiter, ';');
    assert.deepEqual(body.mapping, ['first_name', 'last_name', 'email', 'company', 'phone', null]);
    assert.deepEqual(body.rows, [['Ana', 'Silva', 'ana@x.test', 'Acme', '123', 'z']]);
    assert.deepEqual(body.problems, []);

    const member = await newMember(t, ws, 'member');
    const create = await call(t, 'POST', '/api/v1/imports', {
      cookie: member.cookie,
      body: { kind: 'contacts', fileName: 'x.csv' },
    });
    assert.equal(create.status, 403);
    const exp = await call(t, 'GET', '/api/v1/exports/contacts.csv', { cookie: member.cookie });
    assert.equal(exp.status, 403);
  });

  test('an import runs once; the list shows recent imports', async () => {
    const created = await call(t, 'POST', '/api/v1/imports', {
      cookie: ws.cookie,
      body: { kind: 'contacts', fileName: 'once.csv' },
    });
    const put = () =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/imports/${created.body.id}/file`,
        headers: { cookie: ws.cookie, 'content-type': 'text/csv' },
        payload: 'Name,Email\nOnce,once@x.test\n',
      });
    assert.equal((await put()).statusCode, 200);
    const second = await put();
    assert.equal(second.statusCode, 409);
    const list = await call(t, 'GET', '/api/v1/imports', { cookie: ws.cookie });
    assert.equal(list.body.imports[0].fileName, 'once.csv');
    assert.equal(list.body.imports[0].status, 'completed');
  });
});
