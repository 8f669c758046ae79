import { Stack, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';
import { AuthLayout } from './AuthLayout.tsx';

type Props = {
  icon: ReactNode;
  title: string;
  color?: string;
  children: ReactNode;
};

/** A whole page that explains a situation (an expired link, a server that cannot be reached). */
export function FullPageMessage({ icon, title, color = 'orange', children }: Props) {
  return (
    <AuthLayout
      title={
        <Stack gap="sm" component="span">
          <ThemeIcon size={48} radius="xl" variant="light" color={color} aria-hidden component="span">
            {icon}
          </ThemeIcon>
          <span>{title}</span>
        </Stack>
      }
    >
      {children}
    </AuthLayout>
  );
}
