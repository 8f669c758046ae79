import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <Card withBorder radius="md" padding="lg" maw={560}>
      <Stack gap="sm" align="flex-start">
        <Title order={1} fz={24}>
          Page not found
        </Title>
        <Text c="dimmed" size="sm">
          There is nothing at this address. It may have moved, or the link may be mistyped.
        </Text>
        <Button component={Link} to="/today" variant="light">
          Go to Today
        </Button>
      </Stack>
    </Card>
  );
}
