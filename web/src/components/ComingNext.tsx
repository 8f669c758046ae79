import { Badge, Button, Card, Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconPoint } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Area } from '../shell/areas.ts';

/** An honest placeholder for an area that is not built yet: what it will hold, and no made-up data. */
export function ComingNext({ area }: { area: Area }) {
  const Icon = area.icon;
  const plan = area.comingNext;
  return (
    <Stack gap="lg" maw={760}>
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon size={40} radius="md" variant="light" aria-hidden>
          <Icon size={22} />
        </ThemeIcon>
        <Title order={1} fz={{ base: 24, sm: 28 }}>
          {area.label}
        </Title>
      </Group>
      <Card withBorder radius="md" padding="lg">
        <Stack gap="md">
          <Badge variant="light" color="gray">
            Coming next
          </Badge>
          <Text fw={600} size="lg">
            {plan?.summary}
          </Text>
          <Text c="dimmed" size="sm">
            This area is not built yet, so there is nothing to show here. When it arrives it will hold:
          </Text>
          <List
            spacing="xs"
            size="sm"
            icon={
              <ThemeIcon size={18} radius="xl" variant="light" aria-hidden>
                <IconPoint size={14} />
              </ThemeIcon>
            }
          >
            {plan?.points.map((point) => (
              <List.Item key={point}>{point}</List.Item>
            ))}
          </List>
          <Group>
            <Button
              component={Link}
              to="/settings/members"
              variant="light"
              rightSection={<IconArrowRight size={16} />}
            >
              Meanwhile, invite your team
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
