// Typed access to the playbooks API, with the query keys and hooks the playbook pages share.
import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreatePlaybookBody,
  MergeFieldDto,
  PlaybookDetail,
  PlaybookList,
  PlaybookListItem,
  PlaybookStepDto,
  PlaybookVersionDetail,
  Preview,
  PreviewBody,
  playbookVersionSchema,
  UpdatePlaybookBody,
} from '../../../src/features/playbooks/schemas.ts';
import { apiRequest } from '../api/client.ts';

export type {
  CreatePlaybookBody,
  MergeFieldDto,
  PlaybookDetail,
  PlaybookList,
  PlaybookListItem,
  PlaybookStepDto,
  PlaybookVersionDetail,
  Preview,
  UpdatePlaybookBody,
};
export type PlaybookVersion = z.infer<typeof playbookVersionSchema>;
export type Trigger = PlaybookListItem['trigger'];
export type TaskAction = PlaybookStepDto['action'];
export type StepChannel = PlaybookStepDto['channel'];
export type OwnerRule = PlaybookStepDto['owner'];

const enc = encodeURIComponent;

export const playbooksApi = {
  list: () => apiRequest<PlaybookList>('GET', '/playbooks'),
  get: (id: string) => apiRequest<PlaybookDetail>('GET', `/playbooks/${enc(id)}`),
  version: (id: string, version: number) =>
    apiRequest<PlaybookVersionDetail>('GET', `/playbooks/${enc(id)}/versions/${version}`),
  create: (body: CreatePlaybookBody) => apiRequest<PlaybookDetail>('POST', '/playbooks', body),
  update: (id: string, body: UpdatePlaybookBody) =>
    apiRequest<PlaybookDetail>('PATCH', `/playbooks/${enc(id)}`, body),
  activate: (id: string) => apiRequest<PlaybookDetail>('POST', `/playbooks/${enc(id)}/activate`),
  deactivate: (id: string) => apiRequest<PlaybookDetail>('POST', `/playbooks/${enc(id)}/deactivate`),
  archive: (id: string) => apiRequest<PlaybookDetail>('POST', `/playbooks/${enc(id)}/archive`),
  preview: (body: PreviewBody) => apiRequest<Preview>('POST', '/playbooks/preview', body),
};

export const playbookKeys = {
  all: ['playbooks'] as const,
  list: ['playbooks', 'list'] as const,
  playbook: (id: string) => ['playbooks', 'playbook', id] as const,
  version: (id: string, version: number) => ['playbooks', 'playbook', id, 'version', version] as const,
};

export function usePlaybookList() {
  return useQuery({ queryKey: playbookKeys.list, queryFn: playbooksApi.list });
}

export function usePlaybook(id: string) {
  return useQuery({ queryKey: playbookKeys.playbook(id), queryFn: () => playbooksApi.get(id) });
}

export function usePlaybookVersion(id: string, version: number | null) {
  return useQuery({
    queryKey: playbookKeys.version(id, version ?? 0),
    queryFn: () => playbooksApi.version(id, version ?? 0),
    enabled: version !== null,
  });
}

/** After any change: the detail answers with the new state; the list changes with it. */
export function storePlaybook(queryClient: QueryClient, playbook: PlaybookDetail) {
  queryClient.setQueryData(playbookKeys.playbook(playbook.id), playbook);
  void queryClient.invalidateQueries({ queryKey: playbookKeys.list });
}
