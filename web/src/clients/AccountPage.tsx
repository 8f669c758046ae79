// One company: its details, its people, and everything that happened with any of them.
import {
  ActionIcon,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Loader,
  Menu,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconArchive, IconArchiveOff, IconDots, IconPencil, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useParams } from 'react-router';
import { FormError } from '../components/FormError.tsx';
import { errorMessage, notifyError, notifySuccess } from '../lib/errors.ts';
import { formatDate } from '../lib/format.ts';
import { AccountFormModal } from './AccountForms.tsx';
import { type Account, clientKeys, clientsApi, useContactList } from './api.ts';
import { LoadMore, PEOPLE_TABLE_WIDTH, PeopleHead, PersonRow } from './ClientsPage.tsx';
import { NewContactModal } from './ContactForms.tsx';
import { BackToClients, PageMissing } from './ContactPage.tsx';
import { accountSizeLabels } from './labels.ts';
import { TimelineCard } from './Timeline.tsx';
import { AccountStatusBadge, TagBadges, useTimeZone } from './ui.tsx';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0} miw={0}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Box fz="sm" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Box>
    </Stack>
  );
}

function domainHref(domain: string): string {
  return /^https?:\/\//i.test(domain) ? domain : `https://${domain}`;
}

function AccountPeople({ account, onAdd }: { account: Account; onAdd: () => void }) {
  const list = useContactList({ accountId: account.id, sort: '-strength' });
  const contacts = list.data?.pages.flatMap((page) => page.contacts) ?? [];
  return (
    <Card withBorder radius="md" padding={0}>
      <Group justify="space-between" gap="sm" p="lg" pb="sm">
        <Title order={2} fz="lg">
          People
        </Title>
        {account.archived ? null : (
          <Button size="xs" variant="light" leftSection={<IconUserPlus size={14} />} onClick={onAdd}>
            Add a person
          </Button>
        )}
      </Group>
      {list.isPending ? (
        <Loader size="sm" m="lg" aria-label="Loading people" />
      ) : !list.data ? (
        <Box p="lg">
          <FormError message={errorMessage(list.error)} />
        </Box>
      ) : contacts.length === 0 ? (
        <Text size="sm" c="dimmed" px="lg" pb="lg">
          Nobody at {account.name} yet. Add the people you deal with there, so the team can see who knows
          them.
        </Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={PEOPLE_TABLE_WIDTH - 170} type="native">
            <Table
              layout="fixed"
              verticalSpacing="sm"
              highlightOnHover
              aria-label={`People at ${account.name}`}
            >
              <PeopleHead hideCompany />
              <Table.Tbody>
                {contacts.map((contact) => (
                  <PersonRow key={contact.id} contact={contact} hideCompany />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <LoadMore
            shown={contacts.length}
            hasMore={Boolean(list.hasNextPage)}
            loading={list.isFetchingNextPage}
            onMore={() => void list.fetchNextPage()}
            what={contacts.length === 1 ? 'person' : 'people'}
          />
        </>
      )}
    </Card>
  );
}

function AccountView({ account }: { account: Account }) {
  const queryClient = useQueryClient();
  const timeZone = useTimeZone();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);

  const archive = useMutation({
    mutationFn: () =>
      account.archived ? clientsApi.unarchiveAccount(account.id) : clientsApi.archiveAccount(account.id),
    onSuccess: (updated) => {
      queryClient.setQueryData(clientKeys.account(account.id), updated);
      void queryClient.invalidateQueries({ queryKey: clientKeys.all });
      notifySuccess(
        updated.archived
          ? `${updated.name} no longer shows in lists unless you include archived companies.`
          : `${updated.name} is back in your lists.`,
        updated.archived ? 'Archived' : 'Restored',
      );
    },
    onError: (error) => notifyError(error, account.archived ? 'Could not restore' : 'Could not archive'),
  });

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <BackToClients to="/clients/companies" label="Companies" />
        <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
          <Stack gap={6} miw={0} style={{ flex: '1 1 320px' }}>
            <Title
              order={1}
              fz={{ base: 24, sm: 28 }}
              lineClamp={2}
              title={account.name}
              style={{ overflowWrap: 'anywhere' }}
            >
              {account.name}
            </Title>
            {account.domain ? (
              <Anchor
                href={domainHref(account.domain)}
                target="_blank"
                rel="noopener noreferrer"
                size="sm"
                w="fit-content"
              >
                {account.domain}
              </Anchor>
            ) : null}
            <Group gap={6}>
              <AccountStatusBadge status={account.status} />
              {account.archived ? (
                <Badge color="gray" variant="filled">
                  Archived
                </Badge>
              ) : null}
              <TagBadges tags={account.tags} max={8} />
            </Group>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Menu position="bottom-end" shadow="md" width={220} withinPortal>
              <Menu.Target>
                <ActionIcon variant="default" size={36} aria-label="More actions">
                  <IconDots size={18} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  leftSection={account.archived ? <IconArchiveOff size={16} /> : <IconArchive size={16} />}
                  onClick={() => archive.mutate()}
                  disabled={archive.isPending}
                >
                  {account.archived ? 'Restore from archive' : 'Archive'}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </Stack>

      <Card withBorder radius="md" padding="lg">
        <Group gap="xl" align="flex-start" wrap="wrap">
          <Fact label="Industry">
            {account.industry ?? (
              <Text c="dimmed" span fz="sm">
                Not known
              </Text>
            )}
          </Fact>
          <Fact label="Size">
            {account.size ? (
              accountSizeLabels[account.size]
            ) : (
              <Text c="dimmed" span fz="sm">
                Not known
              </Text>
            )}
          </Fact>
          <Fact label="Client since">
            {account.clientSince ? (
              formatDate(account.clientSince, 'UTC')
            ) : (
              <Text c="dimmed" span fz="sm">
                —
              </Text>
            )}
          </Fact>
          <Fact label="Owner">
            {account.owner?.name ?? (
              <Text c="dimmed" span fz="sm">
                Nobody
              </Text>
            )}
          </Fact>
          <Fact label="People">{account.contactCount}</Fact>
          <Fact label="Last contacted">
            {account.lastContactedAt ? (
              formatDate(account.lastContactedAt, timeZone)
            ) : (
              <Text c="dimmed" span fz="sm">
                Never
              </Text>
            )}
          </Fact>
        </Group>
        {account.notes ? (
          <Text size="sm" mt="md" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {account.notes}
          </Text>
        ) : null}
      </Card>

      <AccountPeople account={account} onAdd={() => setAdding(true)} />
      <TimelineCard
        kind="account"
        id={account.id}
        emptyText="Nothing yet. Conversations logged with anyone at this company appear here, newest first."
      />

      <AccountFormModal
        key={account.updatedAt}
        opened={editing}
        onClose={() => setEditing(false)}
        account={account}
      />
      <NewContactModal opened={adding} onClose={() => setAdding(false)} company={account.name} />
    </Stack>
  );
}

export function AccountPage() {
  const { id = '' } = useParams();
  const account = useQuery({ queryKey: clientKeys.account(id), queryFn: () => clientsApi.getAccount(id) });
  if (account.isPending) return <Loader aria-label="Loading the company" />;
  if (account.isError) return <PageMissing error={account.error} what="company" />;
  return <AccountView key={account.data.id} account={account.data} />;
}
