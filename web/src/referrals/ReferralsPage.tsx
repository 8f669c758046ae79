// Referrals: the board (default) and the list, with the same filters, plus the two ways to record
// one by hand: "New referral" and "How did you hear about us?" at intake.
import { Button, Group, SegmentedControl } from '@mantine/core';
import { IconLayoutKanban, IconList, IconPlus, IconUserQuestion } from '@tabler/icons-react';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../components/PageHeader.tsx';
import { ReferralFiltersBar } from './Filters.tsx';
import { NewReferralModal } from './NewReferralModal.tsx';
import { ReferralBoardView } from './ReferralBoard.tsx';
import { ReferralListView } from './ReferralList.tsx';

export function ReferralsPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const view = location.pathname.startsWith('/referrals/list') ? 'list' : 'board';
  const [adding, setAdding] = useState<null | 'new' | 'intake'>(null);
  return (
    <>
      <PageHeader
        title="Referrals"
        description="Every recommendation and introduction, from the first promise to revenue booked. Introductions (a named person, connected by the client) and recommendations (the client told someone about you) are kept apart."
      />
      <Group justify="space-between" mb="md" gap="sm">
        <SegmentedControl
          aria-label="View"
          value={view}
          onChange={(value) =>
            navigate({
              pathname: value === 'list' ? '/referrals/list' : '/referrals',
              search: location.search,
            })
          }
          data={[
            {
              value: 'board',
              label: (
                <Group gap={6} wrap="nowrap">
                  <IconLayoutKanban size={16} aria-hidden /> Board
                </Group>
              ),
            },
            {
              value: 'list',
              label: (
                <Group gap={6} wrap="nowrap">
                  <IconList size={16} aria-hidden /> List
                </Group>
              ),
            },
          ]}
        />
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconUserQuestion size={16} />}
            onClick={() => setAdding('intake')}
          >
            How did you hear about us?
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding('new')}>
            New referral
          </Button>
        </Group>
      </Group>
      <ReferralFiltersBar showStatus={view === 'list'} />
      {view === 'board' ? <ReferralBoardView onNew={() => setAdding('new')} /> : <ReferralListView />}
      <NewReferralModal opened={adding === 'new'} onClose={() => setAdding(null)} />
      <NewReferralModal opened={adding === 'intake'} onClose={() => setAdding(null)} intake />
    </>
  );
}
