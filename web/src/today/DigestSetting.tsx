// The morning digest switch on the profile page: on by default, saved as soon as it is flipped.
import { Card, Stack, Switch, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useSession, useUpdateSession } from '../api/queries.ts';
import { notifyError, notifySuccess } from '../lib/errors.ts';

export function DigestSetting() {
  const { member } = useSession();
  const { setMember } = useUpdateSession();
  const save = useMutation({
    mutationFn: (digestOptOut: boolean) => api.updateProfile({ digestOptOut }),
    onSuccess: (updated) => {
      setMember(updated);
      notifySuccess(
        updated.digestOptOut
          ? 'No more morning emails; Today still lists everything.'
          : 'See you at 7:00 on weekdays.',
        updated.digestOptOut ? 'Morning digest off' : 'Morning digest on',
      );
    },
    onError: (error) => notifyError(error, 'Could not save'),
  });
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <Title order={2} fz="lg">
          Email
        </Title>
        <Switch
          checked={!member.digestOptOut}
          disabled={save.isPending}
          onChange={(event) => save.mutate(!event.currentTarget.checked)}
          label="Morning digest"
          description="On weekdays at about 7:00 in your time zone: your overdue and due follow-ups, with why each one matters. Only sent when something is due."
        />
      </Stack>
    </Card>
  );
}
