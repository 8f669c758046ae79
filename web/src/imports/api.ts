// Typed access to the import API. JSON calls go through the shared helper; the file itself is sent
// as a raw text/csv body (streamed by the browser, never read into a string here).
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
import { ApiError, apiRequest } from '../api/client.ts';

export type { ImportDto, ImportKind, ImportPreview, ImportProblemDto };
export type ImportList = z.infer<typeof importListResponse>;

/** How much of the file the preview reads: enough for the header and ten rows of any sane file. */
const PREVIEW_BYTES = 256 * 1024;

async function sendCsv<T>(method: 'POST' | 'PUT', path: string, body: Blob): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      body,
      headers: { 'content-type': 'text/csv', accept: 'application/json' },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(
      0,
      'network_error',
      'Cannot reach the Warmpath server. Check your connection and try again.',
    );
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: handled below.
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `The server answered with status ${response.status}.`,
    );
  }
  return parsed as T;
}

export const importsApi = {
  preview: (kind: ImportKind, file: File) =>
    sendCsv<ImportPreview>(
      'POST',
      `/imports/preview?kind=${kind}&partial=${file.size > PREVIEW_BYTES}`,
      file.slice(0, PREVIEW_BYTES),
    ),
  create: (body: CreateImportBody) => apiRequest<ImportDto>('POST', '/imports', body),
  upload: (id: string, file: File) =>
    sendCsv<ImportDto>('PUT', `/imports/${encodeURIComponent(id)}/file`, file),
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
