// The accountability view. First and largest: how many promoters were actually followed up and how
// fast (the number firms never look at). Then each person against their goals, asks by kind, and
// what came of the conversations. Managers and owners set goals here; a member sees their own row.
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  NumberInput,
  Progress,
  RingProgress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconTarget } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSession } from '../api/queries.ts';
import { selectComboboxProps } from '../components/comboboxProps.ts';
import { FormError } from '../components/FormError.tsx';
import { applyServerErrors, errorMessage, notifySuccess } from '../lib/errors.ts';
import { type Goal, type FollowUpInsights as Insights, taskKeys, tasksApi } from '../tasks/api.ts';
import { askKindLabels, askResultLabels } from '../tasks/labels.ts';

type Preset = 'this_month' | 'last_month' | 'this_quarter' | 'last_quarter';
type Period = { from: string; to: string; kind: 'month' | 'quarter'; label: string };

const iso = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function periodOf(preset: Preset, now = new Date()): Period {
  const y = now.getFullYear();
  const m = now.getMonth();
  const month = (year: number, mon: number): Period => {
    const start = new Date(year, mon, 1);
    return {
      from: iso(start),
      to: iso(new Date(year, mon + 1, 0)),
      kind: 'month',
      label: start.toLocaleDateString(undefined, { month: 'long', year: 'numeric' }),
    };
  };
  const quarter = (year: number, q: number): Period => {
    const start = new Date(year, q * 3, 1);
    return {
      from: iso(start),
      to: iso(new Date(year, q * 3 + 3, 0)),
      kind: 'quarter',
      label: `Q${q + 1} ${start.getFullYear()}`,
    };
  };
  if (preset === 'this_month') return month(y, m);
  if (preset === 'last_month') return month(y, m - 1);
  const q = Math.floor(m / 3);
  if (preset === 'this_quarter') return quarter(y, q);
  return q === 0 ? quarter(y - 1, 3) : quarter(y, q - 1);
}

function hoursWords(hours: number | null): string {
  if (hours === null) return '—';
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Math.round(hours * 10) / 10} h`;
  return `${Math.round((hours / 24) * 10) / 10} days`;
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : null);

function AgainstGoal({ value, goal }: { value: number; goal: number | null | undefined }) {
  if (goal === null || goal === undefined)
    return (
      <Text size="sm" span>
        {value}
      </Text>
    );
  const met = value >= goal;
  return (
    <Stack gap={2} miw={70}>
      <Text size="sm" span c={met ? 'teal.7' : undefined} fw={met ? 600 : undefined}>
        {value} / {goal}
      </Text>
      <Progress
        value={Math.min(100, goal > 0 ? (value / goal) * 100 : 100)}
        size="xs"
        color={met ? 'teal' : 'orange'}
      />
    </Stack>
  );
}

function Coverage({ data }: { data: Insights }) {
  const p = data.promoters;
  const share = p.coverage === null ? null : Math.round(p.coverage * 100);
  const waiting = p.answers - p.followedUp;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
      <Card withBorder radius="md" padding="lg">
        <Group wrap="nowrap" gap="lg" align="center">
          <RingProgress
            size={132}
            thickness={12}
            roundCaps
            sections={
              share === null
                ? []
                : [{ value: share, color: share >= 80 ? 'teal' : share >= 50 ? 'orange' : 'red' }]
            }
            label={
              <Text ta="center" fw={700} fz={28} lh={1}>
                {share === null ? '—' : `${share}%`}
              </Text>
            }
            aria-label="Share of promoters followed up"
          />
          <Stack gap={4} miw={0}>
            <Text size="sm" c="dimmed" fw={600} tt="uppercase">
              Promoters followed up
            </Text>
            <Text fz={30} fw={700} lh={1.1}>
              {p.followedUp} of {p.answers}
            </Text>
            <Text size="sm" c="dimmed">
              {p.answers === 0
                ? 'No promoter answered in this period.'
                : waiting === 0
                  ? 'Every promoter heard back from someone on the team.'
                  : `${waiting} promoter${waiting === 1 ? ' is' : 's are'} still waiting for a conversation.`}
            </Text>
          </Stack>
        </Group>
      </Card>
      <Card withBorder radius="md" padding="lg">
        <Stack gap={4} justify="center" h="100%">
          <Text size="sm" c="dimmed" fw={600} tt="uppercase">
            Median time to first follow-up
          </Text>
          <Text fz={44} fw={700} lh={1.1}>
            {hoursWords(p.medianHoursToFollowUp)}
          </Text>
          <Text size="sm" c="dimmed">
            From a promoter's answer to the first conversation that reached them. Willing is not doing: the
            sooner, the likelier a referral.
          </Text>
        </Stack>
      </Card>
    </SimpleGrid>
  );
}

function GoalModal({
  member,
  period,
  current,
  onClose,
}: {
  member: { id: string; name: string } | null;
  period: Period;
  current: Goal | undefined;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      asksTarget: (current?.asksTarget ?? '') as number | string,
      introductionsTarget: (current?.introductionsTarget ?? '') as number | string,
      followUpsOnTimeTarget: (current?.followUpsOnTimeTarget ?? '') as number | string,
    },
  });
  const num = (v: number | string) => (v === '' ? null : Number(v));
  const save = useMutation({
    mutationFn: (values: typeof form.values) =>
      tasksApi.setGoal({
        memberId: member!.id,
        period: period.kind,
        periodStart: period.from,
        asksTarget: num(values.asksTarget),
        introductionsTarget: num(values.introductionsTarget),
        followUpsOnTimeTarget: num(values.followUpsOnTimeTarget),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['goals'] });
      void queryClient.invalidateQueries({ queryKey: ['insights'] });
      notifySuccess(`Goals for ${member!.name}, ${period.label}, are saved.`);
      onClose();
    },
    onError: (error) =>
      setFormError(
        applyServerErrors(form, error, ['asksTarget', 'introductionsTarget', 'followUpsOnTimeTarget']),
      ),
  });
  return (
    <Modal
      opened={member !== null}
      onClose={onClose}
      centered
      title={
        <Text fw={600}>
          Goals for {member?.name}, {period.label}
        </Text>
      }
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFormError(null);
          save.mutate(values);
        })}
      >
        <Stack gap="md">
          <FormError message={formError} />
          <NumberInput
            label="Asks made"
            description="Feedback, reviews, recommendations and introductions asked for."
            min={0}
            max={10000}
            data-autofocus
            key={form.key('asksTarget')}
            {...form.getInputProps('asksTarget')}
          />
          <NumberInput
            label="Introductions received"
            description="Asks that ended with an introduction promised."
            min={0}
            max={10000}
            key={form.key('introductionsTarget')}
            {...form.getInputProps('introductionsTarget')}
          />
          <NumberInput
            label="Follow-ups completed on time"
            min={0}
            max={10000}
            key={form.key('followUpsOnTimeTarget')}
            {...form.getInputProps('followUpsOnTimeTarget')}
          />
          <Text size="xs" c="dimmed">
            Leave a box empty for no target.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save goals
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function MemberTable({ data, period, canEdit }: { data: Insights; period: Period; canEdit: boolean }) {
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const goals = useQuery({
    queryKey: taskKeys.goals(period.from, period.to),
    queryFn: () => tasksApi.listGoals({ from: period.from, to: period.to }),
    enabled: canEdit,
  });
  const goalOf = (memberId: string) =>
    goals.data?.goals.find(
      (g) => g.member.id === memberId && g.period === period.kind && g.periodStart === period.from,
    );
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} fz="lg">
            {data.ownRowOnly ? 'You, against your goals' : 'Each person, against their goals'}
          </Title>
          {canEdit ? (
            <Text size="xs" c="dimmed">
              Goals apply to {period.label}.
            </Text>
          ) : null}
        </Group>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Member</Table.Th>
                <Table.Th>Done on time</Table.Th>
                <Table.Th>Done</Table.Th>
                <Table.Th>Overdue now</Table.Th>
                <Table.Th>Asks</Table.Th>
                <Table.Th>Introductions</Table.Th>
                {canEdit ? <Table.Th aria-label="Goals" /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.members.map((row) => (
                <Table.Tr key={row.member.id}>
                  <Table.Td miw={140}>
                    <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                      {row.member.name}
                    </Text>
                    {row.member.status === 'deactivated' ? (
                      <Badge size="xs" color="gray" variant="light">
                        Deactivated
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <AgainstGoal value={row.doneOnTime} goal={row.goals?.followUpsOnTime} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {row.tasksDone}
                      {row.tasksDone > 0 ? (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          · {pct(row.reached, row.tasksDone)}% reached
                        </Text>
                      ) : null}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {row.overdueNow > 0 ? (
                      <Badge color="red" variant="light">
                        {row.overdueNow}
                      </Badge>
                    ) : (
                      <Text size="sm" c="dimmed">
                        0
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <AgainstGoal value={row.asks} goal={row.goals?.asks} />
                  </Table.Td>
                  <Table.Td>
                    <AgainstGoal value={row.introductionsPromised} goal={row.goals?.introductions} />
                  </Table.Td>
                  {canEdit ? (
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        leftSection={<IconTarget size={14} />}
                        onClick={() => setEditing(row.member)}
                        aria-label={`Set goals for ${row.member.name}`}
                      >
                        Goals
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {data.members.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nobody on the team yet.
          </Text>
        ) : null}
      </Stack>
      {editing ? (
        <GoalModal
          key={`${editing.id}-${period.from}`}
          member={editing}
          period={period}
          current={goalOf(editing.id)}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Card>
  );
}

function Bars({
  title,
  rows,
  empty,
}: {
  title: string;
  rows: { label: string; value: number; color?: string }[];
  empty: string;
}) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const total = rows.reduce((sum, r) => sum + r.value, 0);
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <Title order={2} fz="lg">
          {title}
        </Title>
        {total === 0 ? (
          <Text size="sm" c="dimmed">
            {empty}
          </Text>
        ) : (
          rows.map((r) => (
            <Stack key={r.label} gap={2}>
              <Group justify="space-between">
                <Text size="sm">{r.label}</Text>
                <Text size="sm" fw={600}>
                  {r.value}
                </Text>
              </Group>
              <Progress
                value={(r.value / max) * 100}
                color={r.color ?? 'orange'}
                size="sm"
                aria-label={r.label}
              />
            </Stack>
          ))
        )}
      </Stack>
    </Card>
  );
}

export function FollowUpInsightsPage() {
  const { member } = useSession();
  const canEdit = member.role !== 'member';
  const [preset, setPreset] = useState<Preset>('this_month');
  const period = periodOf(preset);
  const insights = useQuery({
    queryKey: taskKeys.insights(period.from, period.to),
    queryFn: () => tasksApi.followUpInsights(period.from, period.to),
  });

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text size="sm" c="dimmed">
          {period.label}
          {insights.data ? ` · ${insights.data.timeZone}` : ''}
        </Text>
        <Select
          w={180}
          size="sm"
          allowDeselect={false}
          comboboxProps={selectComboboxProps}
          value={preset}
          onChange={(v) => v && setPreset(v as Preset)}
          data={[
            { value: 'this_month', label: 'This month' },
            { value: 'last_month', label: 'Last month' },
            { value: 'this_quarter', label: 'This quarter' },
            { value: 'last_quarter', label: 'Last quarter' },
          ]}
          aria-label="Period"
        />
      </Group>
      {insights.isPending ? (
        <Loader aria-label="Loading the numbers" />
      ) : insights.isError ? (
        <Alert color="red" variant="light" title="Could not load the numbers">
          {errorMessage(insights.error)}
        </Alert>
      ) : (
        <>
          <Coverage data={insights.data} />
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
            {[
              {
                label: 'Passives followed up',
                value: `${insights.data.byCategory.passive.followedUp} of ${insights.data.byCategory.passive.answers}`,
              },
              {
                label: 'Detractors called',
                value: `${insights.data.byCategory.detractor.followedUp} of ${insights.data.byCategory.detractor.answers}`,
                hint: `median ${hoursWords(insights.data.byCategory.detractor.medianHoursToFollowUp)}`,
              },
              {
                label: 'Follow-ups on time',
                value:
                  insights.data.totals.tasksDone > 0
                    ? `${pct(insights.data.totals.doneOnTime, insights.data.totals.tasksDone)}%`
                    : '—',
                hint: `${insights.data.totals.doneOnTime} of ${insights.data.totals.tasksDone} done`,
              },
              {
                label: 'Overdue now',
                value: String(insights.data.totals.overdueNow),
                color: insights.data.totals.overdueNow > 0 ? 'red.7' : undefined,
              },
            ].map((s) => (
              <Card key={s.label} withBorder radius="md" padding="md">
                <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                  {s.label}
                </Text>
                <Text fz={22} fw={700} c={s.color}>
                  {s.value}
                </Text>
                {s.hint ? (
                  <Text size="xs" c="dimmed">
                    {s.hint}
                  </Text>
                ) : null}
              </Card>
            ))}
          </SimpleGrid>
          <MemberTable data={insights.data} period={period} canEdit={canEdit} />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Bars
              title="Asks by kind"
              empty="No asks recorded in this period. Asks are recorded when a task is closed or logged by hand."
              rows={(Object.keys(askKindLabels) as (keyof typeof askKindLabels)[]).map((k) => ({
                label: askKindLabels[k],
                value: insights.data.totals.asksByKind[k],
                color: k === 'introduction' ? 'grape' : k === 'recommendation' ? 'blue' : 'orange',
              }))}
            />
            <Bars
              title="What clients said"
              empty="No answers to asks yet in this period."
              rows={(Object.keys(askResultLabels) as (keyof typeof askResultLabels)[]).map((k) => ({
                label: askResultLabels[k],
                value: insights.data.totals.asksByResult[k],
                color: ['declined', 'problem_raised'].includes(k) ? 'red' : k === 'not_now' ? 'gray' : 'teal',
              }))}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            Conversations closed in this period: {insights.data.totals.reached} reached,{' '}
            {insights.data.totals.notReached} not reached. A promoter counts as followed up once a task of
            their follow-up plan is closed with them reached. Answers through the anonymous survey link are
            not counted.
          </Text>
        </>
      )}
    </Stack>
  );
}
