// `warmpath import answers FILE --survey ID` as an operator runs it (PGlite; a process per command).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { openDatabase } from '../../db/client.ts';
import { runCli, tempDir } from '../../test/process.ts';

describe('warmpath import answers', { skip: Boolean(process.env.TEST_DATABASE_URL) && 'PGlite only' }, () => {
  const env = { WARMPATH_DATA_DIR: tempDir() };
  const dir = tempDir('warmpath-answers-');
  let surveyId: string;
  before(async () => {
    const created = await runCli(
      [
        'workspace',
        'create',
        '--name',
        'Answer Firm',
        '--owner-email',
        'o@answers.test',
        '--owner-name',
        'Olga',
      ],
      env,
    );
    assert.equal(created.code, 0, created.stderr);
    const database = await openDatabase({ databaseUrl: undefined, dataDir: env.WARMPATH_DATA_DIR });
    try {
      const [ws] = (await database.query<{ id: string }>('select id from workspaces')).rows;
      await database.query(
        `insert into contacts (workspace_id, name, email) values ($1, 'Ana Silva', 'ana@cli.test')`,
        [ws!.id],
      );
      const [survey] = (
        await database.query<{ id: string }>(
          `insert into surveys (workspace_id, name, question, audience, status)
           values ($1, 'Phone survey', 'Would you recommend us?', '{"kind":"active_clients"}', 'active') returning id`,
          [ws!.id],
        )
      ).rows;
      surveyId = survey!.id;
    } finally {
      await database.close();
    }
  });

  test('a bad file lists row and column and exits 1 storing nothing; a good one imports', async () => {
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'email,score\nana@cli.test,11\n');
    const refused = await runCli(['import', 'answers', bad, '--survey', surveyId], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Row 2, score: 11 is outside 0-10/);
    assert.match(refused.stderr, /1 problem\(s\) in .*bad\.csv; nothing was stored/);

    const good = path.join(dir, 'good.csv');
    writeFileSync(good, 'email,score,comment,external_id\nana@cli.test,9,By phone,call-1\n');
    const imported = await runCli(['import', 'answers', good, '--survey', surveyId], env);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /Imported 1 answers: 1 added, 0 updated\./);
    const again = await runCli(['import', 'answers', good, '--survey', surveyId], env);
    assert.match(again.stdout, /0 added, 1 updated/);

    const noSurvey = await runCli(['import', 'answers', good, '--survey', 'nope'], env);
    assert.equal(noSurvey.code, 1);
    assert.match(noSurvey.stderr, /--survey expects a survey id/);
  });
});
