import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function PageHeader({ title, description }: { title: string; description?: ReactNode }) {
  return (
    <Stack gap={4} mb="lg">
      <Title order={1} fz={{ base: 24, sm: 28 }}>
        {title}
      </Title>
      {description ? (
        <Text c="dimmed" size="sm" maw={720}>
          {description}
        </Text>
      ) : null}
    </Stack>
  );
}
