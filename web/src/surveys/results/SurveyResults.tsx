// The results of one survey, shown on its detail page: the NPS with promoter / passive /
// detractor bars and the response rate, the answers (filterable), and the two ways to bring in
// answers collected elsewhere: one by hand, or a CSV file.
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Divider,
  FileInput,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconFileUpload, IconMessageCircle, IconPlus, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { type ContactChoice, ContactPicker } from '../../clients/pickers.tsx';
import { useTimeZone } from '../../clients/ui.tsx';
import { FormError } from '../../components/FormError.tsx';
import { errorMessage, notifySuccess } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import {
  type Answer,
  type AnswerCategory,
  answersApi,
  categoryColors,
  categoryLabels,
  type ImportAnswersResult,
  invalidateAnswers,
  type SurveyScores,
  useSurveyAnswers,
  useSurveyScores,
} from './api.ts';
import { NpsBar, NpsNumber } from './NpsParts.tsx';

function ScoresCard({ scores }: { scores: SurveyScores }) {
  const { overall } = scores;
  return (
    <Card withBorder padding="lg">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            Net Promoter Score
          </Text>
          <NpsNumber nps={overall.nps} size={40} />
          <Text size="xs" c="dimmed">
            % promoters minus % detractors, from {overall.total.toLocaleString('en')}{' '}
            {overall.total === 1 ? 'answer' : 'answers'}
          </Text>
        </Stack>
        <Stack gap={6} style={{ gridColumn: 'span 1' }}>
          <Text size="sm" c="dimmed">
            Answers by group
          </Text>
          <NpsBar counts={overall} />
        </Stack>
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            Response rate
          </Text>
          <Text fz={28} fw={700}>
            {scores.responseRate === null ? '–' : `${Math.round(scores.responseRate * 100)}%`}
          </Text>
          <Text size="xs" c="dimmed">
            {scores.sends === 0
              ? 'Nothing sent yet'
              : `${scores.answeredSends.toLocaleString('en')} of ${scores.sends.toLocaleString('en')} emailed clients answered`}
          </Text>
        </Stack>
      </SimpleGrid>
    </Card>
  );
}

function Respondent({ answer }: { answer: Answer }) {
  if (answer.contact) {
    return (
      <Stack gap={0} miw={0}>
        <Anchor
          component={Link}
          to={`/clients/people/${answer.contact.id}`}
          fw={600}
          size="sm"
          style={{ overflowWrap: 'anywhere' }}
        >
          {answer.contact.name}
        </Anchor>
        {answer.account ? (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {answer.account.name}
          </Text>
        ) : null}
      </Stack>
    );
  }
  const who = [answer.respondentName, answer.respondentEmail].filter(Boolean).join(' · ');
  return (
    <Text size="sm" c={who ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
      {who || 'Anonymous (shareable link)'}
    </Text>
  );
}

const sourceLabels: Record<Answer['source'], string> = {
  email: 'Email',
  link: 'Shareable link',
  api: 'Added',
  import: 'Imported',
};

function AnswerRow({ answer, timeZone }: { answer: Answer; timeZone: string }) {
  return (
    <Card withBorder padding="sm">
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <Box
          w={44}
          h={44}
          style={{
            flexShrink: 0,
            borderRadius: 8,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            fontWeight: 700,
            fontSize: 20,
            background: `var(--mantine-color-${categoryColors[answer.category]}-light)`,
            color: `var(--mantine-color-${categoryColors[answer.category]}-light-color)`,
          }}
          aria-label={`Score ${answer.score}`}
        >
          {answer.score}
        </Box>
        <Stack gap={6} miw={0} style={{ flex: 1 }}>
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Respondent answer={answer} />
            <Group gap={6}>
              <Badge variant="light" color={categoryColors[answer.category]}>
                {categoryLabels[answer.category]}
              </Badge>
              <Text size="xs" c="dimmed">
                {sourceLabels[answer.source]} · {formatDate(answer.answeredAt, timeZone)}
              </Text>
            </Group>
          </Group>
          {answer.comment ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              “{answer.comment}”
            </Text>
          ) : null}
          {answer.colleague ? (
            <Alert variant="light" color="teal" p="xs" icon={<IconUserPlus size={16} />}>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                Suggested a colleague: <b>{answer.colleague.name}</b>
                {answer.colleague.email ? ` (${answer.colleague.email})` : ''}
                {answer.colleague.note ? ` — ${answer.colleague.note}` : ''}
              </Text>
            </Alert>
          ) : null}
        </Stack>
      </Group>
    </Card>
  );
}

const SCORES = Array.from({ length: 11 }, (_, n) => n);

function AddAnswerModal({
  surveyId,
  opened,
  onClose,
}: {
  surveyId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const [contact, setContact] = useState<ContactChoice | null>(null);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reset = () => {
    setContact(null);
    setScore(null);
    setComment('');
    setError(null);
  };
  const add = useMutation({
    mutationFn: () =>
      answersApi.addAnswer(surveyId, {
        contactId: contact!.id,
        score: score!,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      }),
    onSuccess: () => {
      invalidateAnswers(client, surveyId);
      notifySuccess('The answer is saved; its follow-up is planned shortly.', 'Answer added');
      reset();
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Add an answer" size="lg">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          For an answer given another way: on a call, at a meeting, on paper.
        </Text>
        <ContactPicker label="Who answered" value={contact} onChange={setContact} required autoFocus />
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            Score
          </Text>
          <SimpleGrid cols={{ base: 6, xs: 11 }} spacing={4}>
            {SCORES.map((n) => (
              <Button
                key={n}
                variant={score === n ? 'filled' : 'default'}
                px={0}
                onClick={() => setScore(n)}
                aria-pressed={score === n}
              >
                {n}
              </Button>
            ))}
          </SimpleGrid>
        </Stack>
        <Textarea
          label="What they said (optional)"
          autosize
          minRows={3}
          maxLength={5000}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => add.mutate()} loading={add.isPending} disabled={!contact || score === null}>
            Save answer
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ImportProblems({ result }: { result: ImportAnswersResult }) {
  return (
    <Stack gap="xs">
      <Alert color="red" variant="light" title="Nothing was imported">
        {result.errorCount.toLocaleString('en')} {result.errorCount === 1 ? 'problem' : 'problems'} in the
        file. Fix them and choose the file again.
        {result.errorCount > result.errors.length ? ` The first ${result.errors.length} are listed.` : ''}
      </Alert>
      <Box style={{ overflowX: 'auto' }} mah={280}>
        <Table striped fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Row</Table.Th>
              <Table.Th>Column</Table.Th>
              <Table.Th>Problem</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.errors.map((e) => (
              <Table.Tr key={`${e.row}-${e.column}-${e.message}`}>
                <Table.Td>{e.row}</Table.Td>
                <Table.Td>{e.column ?? '–'}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
    </Stack>
  );
}

function ImportModal({
  surveyId,
  opened,
  onClose,
}: {
  surveyId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportAnswersResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setFile(null);
    setChecked(null);
    setError(null);
    onClose();
  };
  const run = useMutation({
    mutationFn: (dryRun: boolean) => answersApi.importAnswers(surveyId, file!, dryRun),
    onSuccess: (result) => {
      setError(null);
      if (result.status === 'completed' && !result.dryRun) {
        invalidateAnswers(client, surveyId);
        notifySuccess(
          `${result.created.toLocaleString('en')} added, ${result.updated.toLocaleString('en')} updated.`,
          'Answers imported',
        );
        close();
        return;
      }
      setChecked(result);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const ready = checked?.status === 'completed' && checked.dryRun;
  return (
    <Modal opened={opened} onClose={close} title="Import answers from a CSV file" size="lg">
      <Stack gap="md">
        <Text size="sm">
          One row per answer. Columns: <b>email</b> (or <b>contact_external_id</b>) of a client already in
          Warmpath, <b>score</b> (0-10), and optionally <b>comment</b>, <b>answered_at</b> (2026-03-14) and{' '}
          <b>external_id</b> (the answer&apos;s id in the other tool, so importing the same file again updates
          instead of adding).
        </Text>
        <FileInput
          label="CSV file (UTF-8, comma or semicolon)"
          placeholder="Choose a file"
          accept=".csv,text/csv"
          value={file}
          onChange={(f) => {
            setFile(f);
            setChecked(null);
            setError(null);
          }}
          leftSection={<IconFileUpload size={16} />}
          clearable
        />
        {checked?.status === 'invalid' ? <ImportProblems result={checked} /> : null}
        {ready ? (
          <Alert color="teal" variant="light" title="The file is fine">
            {checked.rows.toLocaleString('en')} rows checked: importing adds{' '}
            {checked.created.toLocaleString('en')} and updates {checked.updated.toLocaleString('en')}.
          </Alert>
        ) : null}
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          {ready ? (
            <Button onClick={() => run.mutate(false)} loading={run.isPending}>
              Import {checked.rows.toLocaleString('en')} answers
            </Button>
          ) : (
            <Button onClick={() => run.mutate(true)} loading={run.isPending} disabled={!file}>
              Check the file
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

const filters: { value: 'all' | AnswerCategory; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'promoter', label: 'Promoters' },
  { value: 'passive', label: 'Passives' },
  { value: 'detractor', label: 'Detractors' },
];

export function SurveyResults({ surveyId }: { surveyId: string }) {
  const timeZone = useTimeZone();
  const scores = useSurveyScores(surveyId);
  const [category, setCategory] = useState<'all' | AnswerCategory>('all');
  const answers = useSurveyAnswers(surveyId, category);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const list = answers.data?.pages.flatMap((p) => p.answers) ?? [];

  return (
    <Stack gap="lg">
      {scores.isPending ? (
        <Loader size="sm" />
      ) : scores.isError ? (
        <FormError message={errorMessage(scores.error)} />
      ) : (
        <ScoresCard scores={scores.data} />
      )}

      <Group justify="space-between" gap="sm">
        <Title order={3} fz={18}>
          Answers
        </Title>
        <Group gap="xs">
          <Button
            variant="default"
            size="sm"
            leftSection={<IconFileUpload size={16} />}
            onClick={() => setImporting(true)}
          >
            Import CSV
          </Button>
          <Button size="sm" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Add an answer
          </Button>
        </Group>
      </Group>
      <Box style={{ overflowX: 'auto' }}>
        <SegmentedControl
          value={category}
          onChange={(v) => setCategory(v as typeof category)}
          data={filters}
          size="sm"
        />
      </Box>

      {answers.isError ? (
        <FormError message={errorMessage(answers.error)} />
      ) : answers.isPending ? (
        <Loader size="sm" />
      ) : list.length === 0 ? (
        <Card withBorder padding="xl">
          <Stack align="center" gap="xs" ta="center">
            <IconMessageCircle size={32} color="var(--mantine-color-dimmed)" />
            <Text fw={600}>
              {category === 'all' ? 'No answers yet' : `No ${categoryLabels[category].toLowerCase()}s yet`}
            </Text>
            <Text size="sm" c="dimmed" maw={460}>
              {category === 'all'
                ? 'Answers arrive when clients click a score in the survey email or answer through the shareable link. Answers collected another way can be added by hand or imported from a CSV file.'
                : 'Answers in this group will appear here.'}
            </Text>
          </Stack>
        </Card>
      ) : (
        <Stack gap="xs">
          {list.map((answer) => (
            <AnswerRow key={answer.id} answer={answer} timeZone={timeZone} />
          ))}
          {answers.hasNextPage ? (
            <>
              <Divider />
              <Group justify="center">
                <Button
                  variant="default"
                  onClick={() => answers.fetchNextPage()}
                  loading={answers.isFetchingNextPage}
                >
                  Show more answers
                </Button>
              </Group>
            </>
          ) : null}
        </Stack>
      )}
      <AddAnswerModal surveyId={surveyId} opened={adding} onClose={() => setAdding(false)} />
      <ImportModal surveyId={surveyId} opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}
