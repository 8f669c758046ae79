import { z } from 'zod';
import { importKinds, importStatuses } from '../../db/schema/imports.ts';

export const importKindSchema = z.enum(importKinds);

export const importProblemSchema = z.object({
  /** As a spreadsheet shows it: the header is row 1, the first data row is row 2. */
  row: z.number(),
  /** The file's own column header, or null when the problem is not about one column. */
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportProblemDto = z.infer<typeof importProblemSchema>;

export const importSchema = z.object({
  id: z.uuid(),
  kind: importKindSchema,
  fileName: z.string(),
  status: z.enum(importStatuses),
  dryRun: z.boolean(),
  mapping: z.array(z.string().nullable()).nullable(),
  allowNoKey: z.boolean(),
  totalBytes: z.number().nullable(),
  processedBytes: z.number(),
  totalRows: z.number().nullable(),
  processedRows: z.number(),
  /** All problems found; `errors` lists the first 1,000. */
  errorCount: z.number(),
  errors: z.array(importProblemSchema),
  summary: z
    .object({ created: z.number(), updated: z.number(), accountsCreated: z.number().optional() })
    .nullable(),
  message: z.string().nullable(),
  startedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportDto = z.infer<typeof importSchema>;

export const mappingSchema = z.array(z.string().max(50).nullable()).max(500);

export const createImportBody = z.strictObject({
  kind: importKindSchema,
  fileName: z.string().trim().min(1).max(255),
  /** Check every row and report problems; store nothing. */
  dryRun: z.boolean().default(false),
  /** Field per column by position (null ignores the column). Default: detected from the headers. */
  mapping: mappingSchema.nullable().optional(),
  /** Contacts only: accept rows with neither email nor external id (a re-run adds them again). */
  allowNoKey: z.boolean().default(false),
  /** Size of the file, for the progress bar. */
  totalBytes: z.number().int().min(0).optional(),
});
export type CreateImportBody = z.input<typeof createImportBody>;

export const importListResponse = z.object({ imports: z.array(importSchema) });

export const previewQuery = z.strictObject({
  kind: importKindSchema,
  /** True when the body is only the start of the file: its last, possibly cut, line is dropped. */
  partial: z.enum(['true', 'false']).default('false'),
});

export const previewResponse = z.object({
  delimiter: z.enum([',', ';']),
  headers: z.array(z.string()),
  /** Detected field per column (null: not recognised, ignored unless chosen). */
  mapping: z.array(z.string().nullable()),
  /** The first 10 data rows as the file has them. */
  rows: z.array(z.array(z.string())),
  /** Every field this kind of import understands, for the column pickers. */
  fields: z.array(z.object({ name: z.string(), label: z.string() })),
  /** Problems with the detected mapping (a required field with no column). */
  problems: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof previewResponse>;
