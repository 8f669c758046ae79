import { Box, Center, Container, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Brand } from './Brand.tsx';

type Props = {
  title: ReactNode;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  width?: number;
};

/** The centred single-card page used before anyone is signed in. */
export function AuthLayout({ title, subtitle, children, footer, width = 460 }: Props) {
  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)" py={{ base: 'lg', sm: 48 }}>
      <Container size={width} px="md">
        <Stack gap="lg">
          <Center>
            <Brand />
          </Center>
          <Paper withBorder shadow="sm" radius="md" p={{ base: 'md', sm: 'xl' }} component="main">
            <Stack gap="lg">
              <Stack gap={6}>
                <Title order={1} fz={{ base: 22, sm: 26 }} style={{ overflowWrap: 'anywhere' }}>
                  {title}
                </Title>
                {subtitle ? (
                  <Text c="dimmed" size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {subtitle}
                  </Text>
                ) : null}
              </Stack>
              {children}
            </Stack>
          </Paper>
          {footer ? (
            <Text ta="center" size="sm" c="dimmed">
              {footer}
            </Text>
          ) : null}
        </Stack>
      </Container>
    </Box>
  );
}
