// One playbook: its steps in order, edited in place by managers and owners (add, remove, move up
// and down; timing, owner rule, channel and a script with merge fields and a live preview), its
// version history, and activate / deactivate / archive. Members see the same, read-only.
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Menu,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconAlertCircle,
  IconArrowDown,
  IconArrowLeft,
  IconArrowUp,
  IconBraces,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, api } from '../api/client.ts';
import { useSession } from '../api/queries.ts';
import { FormError } from '../components/FormError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { errorMessage, fieldFromPath, notifySuccess } from '../lib/errors.ts';
import { formatDateTime } from '../lib/format.ts';
import {
  type MergeFieldDto,
  type OwnerRule,
  type PlaybookDetail,
  type PlaybookStepDto,
  playbookKeys,
  playbooksApi,
  type StepChannel,
  storePlaybook,
  type TaskAction,
  type Trigger,
  usePlaybook,
  usePlaybookList,
  usePlaybookVersion,
} from './api.ts';
import {
  actionLabels,
  channelLabels,
  ownerLabel,
  timingLabel,
  triggerColors,
  triggerLabels,
  triggers,
} from './labels.ts';

type DraftStep = Omit<PlaybookStepDto, 'key'> & { key?: string; localId: number };
type Draft = { name: string; description: string; steps: DraftStep[] };

let nextLocalId = 1;
const withLocalId = (step: Omit<DraftStep, 'localId'>): DraftStep => ({ ...step, localId: nextLocalId++ });

const blankStep = (first: boolean): Omit<DraftStep, 'localId'> => ({
  title: '',
  action: 'call',
  offsetDays: first ? 2 : 7,
  after: first ? 'trigger' : 'previous',
  owner: { kind: 'strongest_relationship' },
  channel: 'preferred',
  script: 'Hi {{contact.firstName}}, ',
});

function useMemberNames() {
  const members = useQuery({ queryKey: ['members', 'list'], queryFn: api.listMembers });
  return useMemo(() => {
    const all = members.data?.members ?? [];
    return {
      active: all.filter((m) => m.status === 'active'),
      nameOf: (id: string) => all.find((m) => m.id === id)?.name,
    };
  }, [members.data]);
}

export function NewPlaybookPage() {
  const [params] = useSearchParams();
  const requested = params.get('trigger');
  const trigger: Trigger = triggers.includes(requested as Trigger)
    ? (requested as Trigger)
    : 'answer.promoter';
  const draft: Draft = { name: '', description: '', steps: [withLocalId(blankStep(true))] };
  return <PlaybookEditor playbook={undefined} trigger={trigger} initial={draft} />;
}

export function PlaybookPage() {
  const { id = '' } = useParams();
  const playbook = usePlaybook(id);
  if (playbook.isPending) {
    return (
      <Group justify="center" py="xl">
        <Loader aria-label="Loading the playbook" />
      </Group>
    );
  }
  if (playbook.isError) {
    return (
      <Stack>
        <BackLink />
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {playbook.error instanceof ApiError && playbook.error.status === 404
            ? 'This playbook does not exist, or it belongs to another workspace.'
            : errorMessage(playbook.error)}
        </Alert>
      </Stack>
    );
  }
  const p = playbook.data;
  const initial: Draft = {
    name: p.name,
    description: p.description ?? '',
    steps: p.steps.map((s) => withLocalId(s)),
  };
  // Keyed by version so that a save (a new version) starts the form from what was stored.
  return (
    <PlaybookEditor
      key={`${p.id}-${p.currentVersion}-${p.updatedAt}`}
      playbook={p}
      trigger={p.trigger}
      initial={initial}
    />
  );
}

function BackLink() {
  return (
    <Anchor component={Link} to="/playbooks" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} /> All playbooks
      </Group>
    </Anchor>
  );
}

function PlaybookEditor({
  playbook,
  trigger,
  initial,
}: {
  playbook: PlaybookDetail | undefined;
  trigger: Trigger;
  initial: Draft;
}) {
  const { member } = useSession();
  const canEdit = member.role !== 'member' && !playbook?.archived;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const list = usePlaybookList();
  const mergeFields = list.data?.mergeFields ?? [];
  const members = useMemberNames();
  const [draft, setDraft] = useState<Draft>(initial);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);

  const setStep = (localId: number, change: Partial<DraftStep>) =>
    setDraft((d) => ({ ...d, steps: d.steps.map((s) => (s.localId === localId ? { ...s, ...change } : s)) }));
  const move = (index: number, by: -1 | 1) =>
    setDraft((d) => {
      const steps = [...d.steps];
      const [step] = steps.splice(index, 1);
      steps.splice(index + by, 0, step!);
      return { ...d, steps };
    });

  const save = useMutation({
    mutationFn: () => {
      const steps = draft.steps.map(({ localId: _l, ...s }, i) => ({
        ...s,
        after: i === 0 ? ('trigger' as const) : s.after,
      }));
      const description = draft.description.trim() === '' ? null : draft.description;
      return playbook
        ? playbooksApi.update(playbook.id, { name: draft.name, description, steps })
        : playbooksApi.create({ name: draft.name, description, trigger, steps });
    },
    onMutate: () => {
      setFieldErrors({});
      setFormError(null);
    },
    onSuccess: (saved) => {
      storePlaybook(queryClient, saved);
      if (!playbook) {
        notifySuccess(
          saved.active ? 'Playbook created and active.' : 'Playbook created. Activate it when it is ready.',
        );
        navigate(`/playbooks/${saved.id}`, { replace: true });
      } else if (saved.currentVersion !== playbook.currentVersion) {
        notifySuccess(`Saved as version ${saved.currentVersion}. Tasks already created keep their words.`);
      } else {
        notifySuccess('Saved.');
      }
    },
    onError: (error) => {
      if (error instanceof ApiError && error.details.length > 0) {
        const byField: Record<string, string> = {};
        for (const d of error.details) byField[fieldFromPath(d.path)] = d.message;
        setFieldErrors(byField);
      }
      setFormError(errorMessage(error));
    },
  });

  const lifecycle = useMutation({
    mutationFn: (action: 'activate' | 'deactivate' | 'archive') => playbooksApi[action](playbook!.id),
    onSuccess: (saved, action) => {
      storePlaybook(queryClient, saved);
      notifySuccess(
        action === 'activate'
          ? 'Active: new answers of this group now follow this playbook.'
          : action === 'deactivate'
            ? 'Deactivated: new answers of this group get no follow-up until a playbook is active.'
            : 'Archived. Its tasks stay as they are.',
      );
    },
    onError: (error) => setFormError(errorMessage(error)),
  });

  const err = (path: string) => fieldErrors[path];

  return (
    <Stack gap="md">
      <BackLink />
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <PageHeader
          title={playbook ? playbook.name : 'New playbook'}
          description={
            <Group gap="xs" component="span" wrap="wrap">
              <Badge color={triggerColors[trigger]} variant="light" component="span">
                {triggerLabels[trigger]}
              </Badge>
              {playbook ? (
                <Text span size="sm" c="dimmed">
                  {playbook.active ? 'Active' : playbook.archived ? 'Archived' : 'Inactive'} · version{' '}
                  {playbook.currentVersion} · {playbook.enrolments}{' '}
                  {playbook.enrolments === 1 ? 'answer' : 'answers'} followed up
                </Text>
              ) : null}
            </Group>
          }
        />
        {playbook && member.role !== 'member' && !playbook.archived ? (
          <Group gap="xs">
            {playbook.active ? (
              <Button
                variant="default"
                loading={lifecycle.isPending}
                onClick={() => lifecycle.mutate('deactivate')}
              >
                Deactivate
              </Button>
            ) : (
              <Button color="teal" loading={lifecycle.isPending} onClick={() => lifecycle.mutate('activate')}>
                Activate
              </Button>
            )}
            <Button
              variant="subtle"
              color="red"
              onClick={() => {
                if (
                  window.confirm(
                    'Archive this playbook? It stops enrolling answers; tasks already created stay.',
                  )
                ) {
                  lifecycle.mutate('archive');
                }
              }}
            >
              Archive
            </Button>
          </Group>
        ) : null}
      </Group>

      {playbook && !playbook.active && !playbook.archived ? (
        <Alert color="yellow" variant="light">
          This playbook is not active: new answers go through the active playbook of this group, if any.
        </Alert>
      ) : null}

      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
        noValidate
      >
        <Stack gap="md">
          {canEdit ? (
            <Card withBorder padding="md">
              <Stack gap="sm">
                <TextInput
                  label="Name"
                  required
                  value={draft.name}
                  onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
                  error={err('name')}
                  maxLength={120}
                />
                <Textarea
                  label="What this playbook is for"
                  autosize
                  minRows={2}
                  value={draft.description}
                  onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
                  error={err('description')}
                />
              </Stack>
            </Card>
          ) : playbook?.description ? (
            <Text size="sm">{playbook.description}</Text>
          ) : null}

          <Title order={2} fz="lg">
            Steps
          </Title>
          {draft.steps.length === 0 ? (
            <Text size="sm" c="dimmed">
              A playbook needs at least one step: add one below.
            </Text>
          ) : null}
          {draft.steps.map((step, index) =>
            canEdit ? (
              <StepEditor
                key={step.localId}
                step={step}
                index={index}
                count={draft.steps.length}
                mergeFields={mergeFields}
                members={members.active}
                error={(field) =>
                  err(`steps.${index}.${field}`) ?? (field === '' ? err(`steps.${index}`) : undefined)
                }
                onChange={(change) => setStep(step.localId, change)}
                onMove={(by) => move(index, by)}
                onRemove={() =>
                  setDraft((d) => ({ ...d, steps: d.steps.filter((s) => s.localId !== step.localId) }))
                }
              />
            ) : (
              <StepView key={step.localId} step={step} index={index} nameOf={members.nameOf} />
            ),
          )}
          {canEdit ? (
            <Group justify="space-between" wrap="wrap">
              <Button
                variant="default"
                leftSection={<IconPlus size={16} />}
                disabled={draft.steps.length >= 20}
                onClick={() =>
                  setDraft((d) => ({
                    ...d,
                    steps: [...d.steps, withLocalId(blankStep(d.steps.length === 0))],
                  }))
                }
              >
                Add a step
              </Button>
              <Button type="submit" loading={save.isPending}>
                {playbook ? 'Save changes' : 'Create playbook'}
              </Button>
            </Group>
          ) : null}
          <FormError message={formError} />
        </Stack>
      </form>

      {playbook ? (
        <Stack gap="xs" mt="md">
          <Title order={2} fz="lg">
            Version history
          </Title>
          <Text size="sm" c="dimmed">
            Each saved change to the steps is a new version. Tasks keep the words and due dates of the version
            that created them.
          </Text>
          <Table.ScrollContainer minWidth={420}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>Saved</Table.Th>
                  <Table.Th>Steps</Table.Th>
                  <Table.Th>Tasks created</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {playbook.versions.map((v) => (
                  <Table.Tr key={v.version}>
                    <Table.Td>
                      {v.version}
                      {v.version === playbook.currentVersion ? (
                        <Badge ml="xs" size="xs" variant="light">
                          current
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {formatDateTime(v.createdAt)}
                      {v.createdBy ? ` by ${v.createdBy}` : ''}
                    </Table.Td>
                    <Table.Td>{v.stepCount}</Table.Td>
                    <Table.Td>{v.tasks}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="subtle" onClick={() => setViewing(v.version)}>
                        View
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <VersionModal
            playbookId={playbook.id}
            version={viewing}
            onClose={() => setViewing(null)}
            nameOf={members.nameOf}
          />
        </Stack>
      ) : null}
    </Stack>
  );
}

function VersionModal({
  playbookId,
  version,
  onClose,
  nameOf,
}: {
  playbookId: string;
  version: number | null;
  onClose: () => void;
  nameOf: (id: string) => string | undefined;
}) {
  const detail = usePlaybookVersion(playbookId, version);
  return (
    <Modal opened={version !== null} onClose={onClose} title={`Version ${version ?? ''}`} size="lg">
      {detail.isPending ? (
        <Loader aria-label="Loading the version" />
      ) : detail.isError ? (
        <Alert color="red" variant="light">
          {errorMessage(detail.error)}
        </Alert>
      ) : (
        <Stack gap="sm">
          {detail.data.steps.map((s, i) => (
            <StepView key={s.key} step={s} index={i} nameOf={nameOf} />
          ))}
        </Stack>
      )}
    </Modal>
  );
}

function StepView({
  step,
  index,
  nameOf,
}: {
  step: Omit<PlaybookStepDto, 'key'>;
  index: number;
  nameOf: (id: string) => string | undefined;
}) {
  return (
    <Card withBorder padding="sm">
      <Stack gap={4}>
        <Text fw={600}>
          {index + 1}. {step.title}
        </Text>
        <Text size="sm" c="dimmed">
          {actionLabels[step.action]} · {timingLabel(step, index)} · {ownerLabel(step.owner, nameOf)} ·{' '}
          {channelLabels[step.channel]}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {step.script}
        </Text>
      </Stack>
    </Card>
  );
}

const ownerValue = (owner: OwnerRule) =>
  owner.kind === 'member'
    ? `member:${owner.memberId}`
    : owner.kind === 'role'
      ? `role:${owner.role}`
      : owner.kind;

function ownerFrom(value: string): OwnerRule {
  if (value.startsWith('member:')) return { kind: 'member', memberId: value.slice(7) };
  if (value === 'role:owner') return { kind: 'role', role: 'owner' };
  if (value === 'role:manager') return { kind: 'role', role: 'manager' };
  if (value === 'account_owner') return { kind: 'account_owner' };
  return { kind: 'strongest_relationship' };
}

function StepEditor({
  step,
  index,
  count,
  mergeFields,
  members,
  error,
  onChange,
  onMove,
  onRemove,
}: {
  step: DraftStep;
  index: number;
  count: number;
  mergeFields: MergeFieldDto[];
  members: { id: string; name: string }[];
  error: (field: string) => string | undefined;
  onChange: (change: Partial<DraftStep>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const scriptRef = useRef<HTMLTextAreaElement>(null);
  const insertField = (key: string) => {
    const el = scriptRef.current;
    const token = `{{${key}}}`;
    const start = el?.selectionStart ?? step.script.length;
    const end = el?.selectionEnd ?? step.script.length;
    const script = step.script.slice(0, start) + token + step.script.slice(end);
    onChange({ script });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };
  const ownerOptions = [
    {
      group: 'Rule',
      items: [
        { value: 'strongest_relationship', label: 'Whoever knows them best' },
        { value: 'account_owner', label: 'The account owner' },
        { value: 'role:manager', label: 'Someone senior (manager or owner)' },
        { value: 'role:owner', label: 'An owner' },
      ],
    },
    { group: 'A named member', items: members.map((m) => ({ value: `member:${m.id}`, label: m.name })) },
  ];
  const current = ownerValue(step.owner);
  if (step.owner.kind === 'member' && !members.some((m) => `member:${m.id}` === current)) {
    ownerOptions[1]!.items.push({ value: current, label: 'A member who is no longer active' });
  }

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      aria-label={`Step ${index + 1}`}
      component="fieldset"
      style={{ border: undefined }}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text fw={600}>Step {index + 1}</Text>
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="default"
              aria-label="Move up"
              disabled={index === 0}
              onClick={() => onMove(-1)}
            >
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon
              variant="default"
              aria-label="Move down"
              disabled={index === count - 1}
              onClick={() => onMove(1)}
            >
              <IconArrowDown size={16} />
            </ActionIcon>
            <ActionIcon
              variant="default"
              color="red"
              aria-label="Remove step"
              disabled={count === 1}
              onClick={onRemove}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        </Group>
        <TextInput
          label="Title"
          placeholder="Personal thank-you call"
          required
          value={step.title}
          onChange={(e) => onChange({ title: e.currentTarget.value })}
          error={error('title')}
          maxLength={120}
        />
        <Group grow wrap="wrap" align="flex-start" gap="sm">
          <Select
            label="What"
            data={Object.entries(actionLabels).map(([value, label]) => ({ value, label }))}
            value={step.action}
            onChange={(v) => v && onChange({ action: v as TaskAction })}
            allowDeselect={false}
            miw={180}
            error={error('action')}
          />
          <Select
            label="Who"
            data={ownerOptions}
            value={current}
            onChange={(v) => v && onChange({ owner: ownerFrom(v) })}
            allowDeselect={false}
            miw={180}
            error={error('owner.memberId') ?? error('owner')}
          />
          <Select
            label="Channel"
            data={Object.entries(channelLabels).map(([value, label]) => ({ value, label }))}
            value={step.channel}
            onChange={(v) => v && onChange({ channel: v as StepChannel })}
            allowDeselect={false}
            miw={180}
            error={error('channel')}
          />
        </Group>
        <Group wrap="wrap" align="flex-end" gap="sm">
          <NumberInput
            label="When"
            suffix={step.offsetDays === 1 ? ' day' : ' days'}
            min={0}
            max={365}
            allowDecimal={false}
            value={step.offsetDays}
            onChange={(v) => onChange({ offsetDays: typeof v === 'number' ? v : 0 })}
            w={130}
            error={error('offsetDays')}
          />
          <Select
            aria-label="Counted from"
            data={[
              { value: 'trigger', label: 'after the answer' },
              ...(index > 0 ? [{ value: 'previous', label: 'after the previous step is done' }] : []),
            ]}
            value={index === 0 ? 'trigger' : step.after}
            onChange={(v) => v && onChange({ after: v as DraftStep['after'] })}
            allowDeselect={false}
            w={260}
          />
        </Group>
        <Stack gap={4}>
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm" fw={500} component="label" htmlFor={`script-${step.localId}`}>
              Script: suggested words
            </Text>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button size="compact-xs" variant="light" leftSection={<IconBraces size={14} />}>
                  Insert field
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {mergeFields.map((f) => (
                  <Menu.Item key={f.key} onClick={() => insertField(f.key)}>
                    <Text size="sm">{f.label}</Text>
                    <Text size="xs" c="dimmed">{`{{${f.key}}}`}</Text>
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          </Group>
          <Textarea
            id={`script-${step.localId}`}
            ref={scriptRef}
            autosize
            minRows={3}
            maxRows={12}
            value={step.script}
            onChange={(e) => onChange({ script: e.currentTarget.value })}
            error={error('script')}
          />
          <ScriptPreview script={step.script} />
        </Stack>
      </Stack>
    </Paper>
  );
}

function ScriptPreview({ script }: { script: string }) {
  const [debounced] = useDebouncedValue(script, 400);
  const preview = useQuery({
    queryKey: [...playbookKeys.all, 'preview', debounced],
    queryFn: () => playbooksApi.preview({ script: debounced }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  return (
    <Paper bg="var(--mantine-color-gray-light)" p="sm" radius="sm" aria-live="polite">
      {preview.isError ? (
        <Text size="sm" c="red">
          The preview is not available: {errorMessage(preview.error)}
        </Text>
      ) : !preview.data ? (
        <Loader size="xs" aria-label="Rendering the preview" />
      ) : (
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            {preview.data.contact
              ? `Preview for ${preview.data.contact.name}`
              : 'Preview (no clients yet, so neutral words fill the fields)'}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {preview.data.text || '(empty script)'}
          </Text>
          {preview.data.unknownFields.length > 0 ? (
            <Text size="xs" c="red">
              Unknown field{preview.data.unknownFields.length > 1 ? 's' : ''}:{' '}
              {preview.data.unknownFields.map((f) => `{{${f}}}`).join(', ')}. Use Insert field to pick one
              that exists.
            </Text>
          ) : null}
        </Stack>
      )}
    </Paper>
  );
}
