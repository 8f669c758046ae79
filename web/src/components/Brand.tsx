import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconRoute } from '@tabler/icons-react';

/** The logo; `compact` hides the word on phone widths, where the header needs the room. */
export function Brand({ size = 'md', compact = false }: { size?: 'sm' | 'md'; compact?: boolean }) {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={size === 'sm' ? 26 : 32} radius="md" variant="filled" aria-hidden>
        <IconRoute size={size === 'sm' ? 16 : 20} stroke={2} />
      </ThemeIcon>
      <Text
        fw={700}
        fz={size === 'sm' ? 'md' : 'lg'}
        c="var(--mantine-color-text)"
        visibleFrom={compact ? 'xs' : undefined}
      >
        Warmpath
      </Text>
    </Group>
  );
}
