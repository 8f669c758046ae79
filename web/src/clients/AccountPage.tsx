// One company: its details, its people, and everything that happened with any of them.
import { Anchor, Box, Button, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { IconPencil, IconUserPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useParams } from 'react-router';
import { FormError } from '../components/FormError.tsx';
import { errorMessage } from '../lib/errors.ts';
import { formatDate } from '../lib/format.ts';
import { AccountFormModal } from './AccountForms.tsx';
import { type Account, clientKeys, clientsApi, useContactList } from './api.ts';
import { LoadMore, PEOPLE_TABLE_WIDTH, PeopleHead, PersonRow } from './ClientsPage.tsx';
import { NewContactModal } from './ContactForms.tsx';
import { accountSizeLabels } from './labels.ts';
import { ArchiveMenuItem, BackToClients, EntityHeader, RecordPage } from './shells.tsx';
import { TimelineCard } from './Timeline.tsx';
import { AccountStatusBadge, TagBadges, useTimeZone } from './ui.tsx';

/** One fact about the company; an unknown one is said in grey ("Not known", "Nobody"). */
function Fact({ label, value, empty = 'Not known' }: { label: string; value: ReactNode; empty?: string }) {
  return (
    <Stack gap={0} miw={0}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Box fz="sm" style={{ overflowWrap: 'anywhere' }}>
        {value ?? (
          <Text c="dimmed" span fz="sm">
            {empty}
          </Text>
        )}
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

  return (
    <Stack gap="lg">
      <EntityHeader
        back={<BackToClients to="/clients/companies" label="Companies" />}
        name={account.name}
        subtitle={
          account.domain ? (
            <Anchor
              href={domainHref(account.domain)}
              target="_blank"
              rel="noopener noreferrer"
              size="sm"
              w="fit-content"
              truncate="end"
              maw="100%"
            >
              {account.domain}
            </Anchor>
          ) : null
        }
        badges={
          <>
            <AccountStatusBadge status={account.status} />
            <TagBadges tags={account.tags} max={8} />
          </>
        }
        archived={account.archived}
        actions={
          <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
            Edit
          </Button>
        }
        menuWidth={220}
        menu={
          <ArchiveMenuItem
            record={account}
            what="companies"
            toggle={(archive) =>
              archive ? clientsApi.archiveAccount(account.id) : clientsApi.unarchiveAccount(account.id)
            }
            onDone={(updated) => {
              queryClient.setQueryData(clientKeys.account(account.id), updated);
              void queryClient.invalidateQueries({ queryKey: clientKeys.all });
            }}
          />
        }
      />

      <Card withBorder radius="md" padding="lg">
        <Group gap="xl" align="flex-start" wrap="wrap">
          <Fact label="Industry" value={account.industry} />
          <Fact label="Size" value={account.size ? accountSizeLabels[account.size] : null} />
          <Fact
            label="Client since"
            value={account.clientSince ? formatDate(account.clientSince, 'UTC') : null}
            empty="—"
          />
          <Fact label="Owner" value={account.owner?.name} empty="Nobody" />
          <Fact label="People" value={account.contactCount} />
          <Fact
            label="Last contacted"
            value={account.lastContactedAt ? formatDate(account.lastContactedAt, timeZone) : null}
            empty="Never"
          />
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
  return (
    <RecordPage query={account} what="company">
      {(data) => <AccountView key={data.id} account={data} />}
    </RecordPage>
  );
}
