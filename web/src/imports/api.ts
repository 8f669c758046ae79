// Typed access to the import API. The file itself is sent as a raw text/csv body (apiRequest
// streams a Blob as it is, never reading it into a string here).
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ImportKind } from '../../../src/db/schema/imports.ts';
import type {
  CreateImportBody,
  ImportDto,
  ImportPreview,
  ImportProblemDto,
  importListResponse,
} from '../../../src/features/imports/schemas.ts';
import { apiRequest } from '../api/client.ts';

export type { ImportDto, ImportKind, ImportPreview, ImportProblemDto };
export type ImportList = z.infer<typeof importListResponse>;

/** How much of the file the preview reads: enough for the header and ten rows of any sane file. */
const PREVIEW_BYTES = 256 * 1024;

export const importsApi = {
  preview: (kind: ImportKind, file: File) =>
    apiRequest<ImportPreview>(
      'POST',
      `/imports/preview?kind=${kind}&partial=${file.size > PREVIEW_BYTES}`,
      file.slice(0, PREVIEW_BYTES),
    ),
  create: (body: CreateImportBody) => apiRequest<ImportDto>('POST', '/imports', body),
  upload: (id: string, file: File) =>
    apiRequest<ImportDto>('PUT', `/imports/${encodeURIComponent(id)}/file`, file),
  get: (id: string) => apiRequest<ImportDto>('GET', `/imports/${encodeURIComponent(id)}`),
  list: () => apiRequest<ImportList>('GET', '/imports'),
};

export const EXPORT_CONTACTS_URL = '/api/v1/exports/contacts.csv';

/** Polls an import while it runs (the upload request answers only when it has finished). */
export function useImportProgress(id: string | null, running: boolean) {
  return useQuery({
    queryKey: ['import', id],
    queryFn: () => importsApi.get(id!),
    enabled: id !== null && running,
    refetchInterval: running ? 500 : false,
  });
}

export function useRecentImports() {
  return useQuery({ queryKey: ['imports'], queryFn: importsApi.list });
}
