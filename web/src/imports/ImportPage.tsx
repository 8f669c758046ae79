// The import wizard: choose what to import and the file, check the detected column mapping against
// the first rows, run a dry run that lists every problem, then import with a progress bar. Nothing
// is stored until the last step, and only when the whole file is clean.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  Progress,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconCircleCheck,
  IconDownload,
  IconFileTypeCsv,
  IconLock,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../api/queries.ts';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { errorMessage } from '../lib/errors.ts';
import {
  EXPORT_CONTACTS_URL,
  type ImportDto,
  type ImportKind,
  type ImportPreview,
  type ImportProblemDto,
  importsApi,
  useImportProgress,
} from './api.ts';

const kindLabels: Record<ImportKind, { label: string; what: string; columns: string }> = {
  contacts: {
    label: 'Contacts',
    what: 'people',
    columns:
      'Name (or first and last name), email, company, job title, phone, kind, tags, notes and more. Each row needs an email or an external id, so that importing the same file again updates people instead of adding them twice.',
  },
  relationships: {
    label: 'Relationships',
    what: 'relationships',
    columns:
      'Contact email, team member email and strength (0 to 100). The strength is kept as a starting point; logged conversations can raise it.',
  },
  interactions: {
    label: 'Conversations',
    what: 'conversations',
    columns:
      'Contact email, kind (meeting, call, message, email, note), date, and optionally team member emails, summary, outcome and an external id.',
  },
};

const fmt = (n: number) => n.toLocaleString();

type Step = 'choose' | 'map' | 'checking' | 'checked' | 'importing' | 'done';

/** Problems of the check, by spreadsheet row and then column header, for marking the preview. */
function problemsByCell(problems: ImportProblemDto[]): Map<number, Map<string | null, string[]>> {
  const byRow = new Map<number, Map<string | null, string[]>>();
  for (const p of problems) {
    const row = byRow.get(p.row) ?? new Map<string | null, string[]>();
    row.set(p.column, [...(row.get(p.column) ?? []), p.message]);
    byRow.set(p.row, row);
  }
  return byRow;
}

const problemCell = { backgroundColor: 'var(--mantine-color-red-light)' };

function MappingTable({
  preview,
  mapping,
  onChange,
  problems,
}: {
  preview: ImportPreview;
  mapping: (string | null)[];
  onChange: (index: number, field: string | null) => void;
  /** The last check's problems, marked on the rows shown. */
  problems: ImportProblemDto[];
}) {
  const marked = problemsByCell(problems);
  const options = [
    { value: '', label: 'Ignore this column' },
    ...preview.fields.map((f) => ({ value: f.name, label: f.label })),
  ];
  return (
    <Table.ScrollContainer minWidth={Math.max(480, preview.headers.length * 170)}>
      <Table withTableBorder withColumnBorders verticalSpacing="xs" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th
              w={56}
              style={{ verticalAlign: 'bottom' }}
              title="Row in the file (the header is row 1)"
            >
              Row
            </Table.Th>
            {preview.headers.map((header, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat; a column is its position.
              <Table.Th key={i} miw={160} style={{ verticalAlign: 'top' }}>
                <Stack gap={6}>
                  <Text fw={600} size="sm" truncate="end" title={header}>
                    {header || `Column ${i + 1}`}
                  </Text>
                  <Select
                    aria-label={`Field for column ${header || i + 1}`}
                    size="xs"
                    data={options}
                    value={mapping[i] ?? ''}
                    allowDeselect={false}
                    onChange={(value) => onChange(i, value ? value : null)}
                    comboboxProps={selectComboboxProps}
                  />
                </Stack>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.rows.map((row, r) => {
            // As in a spreadsheet and in the problem report: the header is row 1.
            const rowNumber = r + 2;
            const rowProblems = marked.get(rowNumber);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity but their position.
              <Table.Tr key={r}>
                <Table.Td
                  fw={rowProblems ? 700 : undefined}
                  c={rowProblems ? 'red' : 'dimmed'}
                  style={rowProblems ? problemCell : undefined}
                  title={rowProblems ? [...rowProblems.values()].flat().join(' ') : undefined}
                >
                  {rowNumber}
                </Table.Td>
                {row.map((cell, c) => {
                  const cellProblems = rowProblems?.get(preview.headers[c] ?? '');
                  return (
                    <Table.Td
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional.
                      key={c}
                      c={mapping[c] ? undefined : 'dimmed'}
                      style={{
                        maxWidth: 240,
                        whiteSpace: 'nowrap',
                        overflow: 'hidden',
                        textOverflow: 'ellipsis',
                        ...(cellProblems ? problemCell : {}),
                      }}
                      title={cellProblems ? `${cell}: ${cellProblems.join(' ')}` : cell}
                      data-problem={cellProblems ? 'true' : undefined}
                    >
                      {cell}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ProblemReport({ result }: { result: ImportDto }) {
  const listed = result.errors.length;
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title="Nothing was imported"
        >
          {fmt(result.errorCount)} problem{result.errorCount === 1 ? '' : 's'} in {result.fileName}
          {result.errorCount > listed ? ` (the first ${fmt(listed)} are listed)` : ''}. Fix them in the file
          and choose it again: a file is imported only when every row is right. Rows are numbered as in a
          spreadsheet (the header is row 1); problems in the first rows are also marked in red above.
        </Alert>
        <Table.ScrollContainer minWidth={320} mah={420}>
          <Table striped verticalSpacing={6} fz="sm" stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={56}>Row</Table.Th>
                <Table.Th w="30%">Column</Table.Th>
                <Table.Th>Problem</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.errors.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a row can have several problems; position is the identity.
                <Table.Tr key={i}>
                  <Table.Td>{e.row}</Table.Td>
                  <Table.Td>{e.column ?? '—'}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{e.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Card>
  );
}

function RunProgress({ run, file }: { run: ImportDto | undefined; file: File }) {
  const total = run?.totalBytes ?? file.size;
  const applying = run?.status === 'applying';
  const reading = run?.status === 'running' && run.processedBytes < total;
  const percent =
    applying || !reading ? 100 : Math.round((100 * (run?.processedBytes ?? 0)) / Math.max(total, 1));
  const label = applying
    ? 'Storing…'
    : reading
      ? `Reading rows: ${fmt(run?.processedRows ?? 0)}`
      : run?.status === 'running'
        ? `Checking ${fmt(run.processedRows)} rows…`
        : 'Sending the file…';
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text size="sm">{label}</Text>
        <Text size="sm" c="dimmed">
          {percent}%
        </Text>
      </Group>
      <Progress value={percent} animated={applying || !reading} size="lg" aria-label={label} />
    </Stack>
  );
}

export function ImportPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const narrow = useMediaQuery('(max-width: 36em)');
  const [kind, setKind] = useState<ImportKind>('contacts');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<(string | null)[]>([]);
  const [allowNoKey, setAllowNoKey] = useState(false);
  const [step, setStep] = useState<Step>('choose');
  const [error, setError] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [result, setResult] = useState<ImportDto | null>(null);
  const running = step === 'checking' || step === 'importing';
  const progress = useImportProgress(runId, running);

  if (session.member.role === 'member') {
    return (
      <Stack maw={640}>
        <PageHeader title="Import clients" />
        <Alert icon={<IconLock size={18} />} color="gray" variant="light" title="Managers and owners only">
          Importing and exporting the client list needs the manager or owner role. Ask one of them, or ask an
          owner to change your role.
        </Alert>
      </Stack>
    );
  }

  const reset = (nextKind = kind) => {
    setKind(nextKind);
    setFile(null);
    setPreview(null);
    setMapping([]);
    setStep('choose');
    setError(null);
    setResult(null);
    setRunId(null);
  };

  const choose = async (chosen: File | null, forKind = kind) => {
    setFile(chosen);
    setError(null);
    setPreview(null);
    setResult(null);
    if (!chosen) return;
    try {
      const p = await importsApi.preview(forKind, chosen);
      setPreview(p);
      setMapping(p.mapping);
      setStep('map');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    setResult(null);
    setStep(dryRun ? 'checking' : 'importing');
    try {
      const created = await importsApi.create({
        kind,
        fileName: file.name,
        dryRun,
        mapping,
        allowNoKey: kind === 'contacts' && allowNoKey,
        totalBytes: file.size,
      });
      setRunId(created.id);
      const finished = await importsApi.upload(created.id, file);
      setResult(finished);
      if (finished.status === 'failed') {
        setError(finished.message ?? 'The file could not be read.');
        setStep('map');
      } else if (!dryRun && finished.status === 'completed') {
        setStep('done');
        await queryClient.invalidateQueries();
      } else {
        setStep('checked');
      }
    } catch (e) {
      setError(errorMessage(e));
      setStep('map');
    } finally {
      setRunId(null);
    }
  };

  const mappedProblems = (() => {
    if (!preview) return [];
    const used = mapping.filter(Boolean);
    const problems: string[] = [];
    if (new Set(used).size !== used.length) problems.push('Each field can be chosen for one column only.');
    const has = (f: string) => mapping.includes(f);
    if (kind === 'contacts' && !has('name') && !has('first_name') && !has('last_name'))
      problems.push('Choose the column that holds the name (or first and last name).');
    if (kind !== 'contacts' && !has('contact_email'))
      problems.push('Choose the column with the contact email.');
    if (kind === 'relationships' && !has('member_email'))
      problems.push('Choose the column with the team member email.');
    if (kind === 'relationships' && !has('strength')) problems.push('Choose the column with the strength.');
    if (kind === 'interactions' && !has('kind'))
      problems.push('Choose the column with the kind of conversation.');
    if (kind === 'interactions' && !has('date')) problems.push('Choose the column with the date.');
    return problems;
  })();
  const fileProblems = preview?.problems.filter((p) => /empty|no data rows/.test(p)) ?? [];
  const canRun = preview !== null && mappedProblems.length === 0 && fileProblems.length === 0 && !running;
  const summary = result?.summary;

  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Anchor component={Link} to="/clients" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} /> Clients
          </Group>
        </Anchor>
      </div>
      <PageHeader
        title="Import clients"
        description="Bring in people, relationships and past conversations from a CSV file exported from your CRM or spreadsheet. UTF-8, comma or semicolon separated. Nothing is stored until the whole file checks out, and importing the same file again updates instead of duplicating."
      />

      <Card withBorder padding="lg">
        <Stack gap="md">
          <Title order={2} size="h4">
            1. What and which file
          </Title>
          <SegmentedControl
            value={kind}
            onChange={(v) => {
              const next = v as ImportKind;
              reset(next);
            }}
            data={(Object.keys(kindLabels) as ImportKind[]).map((k) => ({
              value: k,
              label: kindLabels[k].label,
            }))}
            disabled={running}
            orientation={narrow ? 'vertical' : 'horizontal'}
            fullWidth
            maw={520}
          />
          <Text size="sm" c="dimmed" maw={720}>
            {kindLabels[kind].columns}
          </Text>
          <FileInput
            label="CSV file"
            placeholder="Choose a .csv file"
            accept=".csv,text/csv"
            value={file}
            onChange={(f) => void choose(f)}
            leftSection={<IconFileTypeCsv size={18} />}
            clearable
            disabled={running}
            maw={520}
          />
          {kind === 'contacts' ? (
            <Text size="sm" c="dimmed">
              Moving from another copy of Warmpath, or want a template?{' '}
              <Anchor href={EXPORT_CONTACTS_URL} download>
                <IconDownload size={14} style={{ verticalAlign: 'middle' }} /> Export your contacts
              </Anchor>{' '}
              in the same columns.
            </Text>
          ) : null}
        </Stack>
      </Card>

      {error ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="That did not work">
          {error}
        </Alert>
      ) : null}

      {preview ? (
        <Card withBorder padding="lg">
          <Stack gap="md">
            <Group justify="space-between" align="flex-start">
              <div>
                <Title order={2} size="h4">
                  2. Check the columns
                </Title>
                <Text size="sm" c="dimmed">
                  We matched the columns we recognised. Change any that are wrong; ignored columns are not
                  imported.
                  {preview.rows.length > 0 ? ` The first ${preview.rows.length} rows of the file:` : ''}
                </Text>
              </div>
              <Badge variant="light" color="gray">
                {preview.delimiter === ';' ? 'Semicolon separated' : 'Comma separated'}
              </Badge>
            </Group>
            {fileProblems.length > 0 ? (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
                {fileProblems.join(' ')}
              </Alert>
            ) : null}
            {preview.headers.length > 0 ? (
              <MappingTable
                preview={preview}
                problems={result?.status === 'invalid' ? result.errors : []}
                mapping={mapping}
                onChange={(i, field) => {
                  setMapping((m) =>
                    m.map((f, j) => (j === i ? field : field !== null && f === field ? null : f)),
                  );
                  setResult(null);
                  if (step === 'checked') setStep('map');
                }}
              />
            ) : null}
            {mappedProblems.length > 0 && preview.headers.length > 0 ? (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
                {mappedProblems.join(' ')}
              </Alert>
            ) : null}
            {kind === 'contacts' ? (
              <Checkbox
                label="Also accept rows with neither email nor external id (importing the file again would add those people twice)"
                checked={allowNoKey}
                onChange={(e) => setAllowNoKey(e.currentTarget.checked)}
                disabled={running}
              />
            ) : null}
            <Group>
              <Button onClick={() => void run(true)} disabled={!canRun} loading={step === 'checking'}>
                Check the file
              </Button>
              <Text size="sm" c="dimmed">
                Reads every row and lists any problem. Stores nothing.
              </Text>
            </Group>
            {step === 'checking' && file ? <RunProgress run={progress.data} file={file} /> : null}
          </Stack>
        </Card>
      ) : null}

      {result && result.status === 'invalid' ? <ProblemReport result={result} /> : null}

      {(step === 'checked' || step === 'importing') && result?.status === 'completed' && result.dryRun ? (
        <Card withBorder padding="lg">
          <Stack gap="md">
            <Title order={2} size="h4">
              3. Import
            </Title>
            <Alert
              color="teal"
              variant="light"
              icon={<IconCircleCheck size={18} />}
              title="No problems found"
            >
              {fmt(result.totalRows ?? 0)} rows checked. Importing will add {fmt(summary?.created ?? 0)} and
              update {fmt(summary?.updated ?? 0)} {kindLabels[kind].what}
              {summary?.accountsCreated ? `, and add ${fmt(summary.accountsCreated)} companies` : ''}.
            </Alert>
            <Group>
              <Button onClick={() => void run(false)} loading={step === 'importing'} disabled={running}>
                Import {fmt(result.totalRows ?? 0)} rows
              </Button>
            </Group>
            {step === 'importing' && file ? <RunProgress run={progress.data} file={file} /> : null}
          </Stack>
        </Card>
      ) : null}

      {step === 'done' && result ? (
        <Card withBorder padding="lg">
          <Stack gap="md">
            <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} title="Imported">
              {fmt(result.totalRows ?? 0)} rows from {result.fileName}: {fmt(summary?.created ?? 0)} added,{' '}
              {fmt(summary?.updated ?? 0)} updated
              {summary?.accountsCreated ? `, ${fmt(summary.accountsCreated)} companies added` : ''}.
            </Alert>
            <Group>
              <Button component={Link} to="/clients">
                Go to Clients
              </Button>
              <Button variant="default" onClick={() => reset()}>
                Import another file
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : null}
    </Stack>
  );
}
