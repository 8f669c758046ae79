import {
  AppShell,
  Avatar,
  Burger,
  Divider,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { endSession, useSession } from '../api/queries.ts';
import { QuickLogButton } from '../clients/LogConversation.tsx';
import { Brand } from '../components/Brand.tsx';
import { Truncate } from '../components/Truncate.tsx';
import { notifyError } from '../lib/errors.ts';
import { initials, roleLabels } from '../lib/format.ts';
import { areas } from './areas.ts';

function AccountMenu() {
  const { member } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logout = useMutation({
    mutationFn: api.logout,
    onSuccess: () => {
      endSession(queryClient);
      navigate('/login', { replace: true });
    },
    onError: (error) => notifyError(error, 'Could not sign out'),
  });

  return (
    <Menu position="bottom-end" width={240} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton
          aria-label="Account menu"
          title={member.name}
          style={{ borderRadius: 'var(--mantine-radius-md)', minWidth: 0 }}
          px={6}
          py={4}
        >
          <Group gap={8} wrap="nowrap">
            <Avatar size={30} radius="xl" color="initials" name={member.name} aria-hidden>
              {initials(member.name)}
            </Avatar>
            <Truncate size="sm" fw={500} maw={180} visibleFrom="sm">
              {member.name}
            </Truncate>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Stack gap={0}>
            <Truncate size="sm" fw={600} c="var(--mantine-color-text)">
              {member.name}
            </Truncate>
            <Truncate size="xs" c="dimmed">
              {member.email}
            </Truncate>
            <Text size="xs" c="dimmed">
              {roleLabels[member.role]}
            </Text>
          </Stack>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to="/settings/profile" leftSection={<IconUserCircle size={16} />}>
          Profile
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          onClick={() => logout.mutate()}
          disabled={logout.isPending}
          closeMenuOnClick={false}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function AppLayout() {
  const { workspace } = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();

  // On a phone the navbar covers the page: fold it away once a link has been followed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => {
    close();
  }, [location.pathname]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'lg' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" miw={0} style={{ flex: 1 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
            />
            <Link to="/today" aria-label="Warmpath home" style={{ textDecoration: 'none' }}>
              <Brand size="sm" compact />
            </Link>
            <Divider orientation="vertical" my={14} visibleFrom="xs" />
            <Truncate fw={600} size="sm" maw={{ base: 190, xs: 260, md: 420 }}>
              {workspace.name}
            </Truncate>
          </Group>
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            <QuickLogButton />
            <AccountMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Main">
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {areas.map((area) => {
              const Icon = area.icon;
              const active = location.pathname === area.path || location.pathname.startsWith(`${area.path}/`);
              return (
                <NavLink
                  key={area.path}
                  component={Link}
                  to={area.path}
                  label={area.label}
                  active={active}
                  aria-current={active ? 'page' : undefined}
                  leftSection={<Icon size={18} stroke={1.6} />}
                  variant="light"
                  style={{ borderRadius: 'var(--mantine-radius-md)' }}
                />
              );
            })}
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
