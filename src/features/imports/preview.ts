// The first rows of a file with the detected column mapping, for the import wizard to show and
// let a person correct before anything is checked or stored.
import type { ImportKind } from '../../db/schema/imports.ts';
import { type CsvRecord, type Delimiter, readCsv } from './csv.ts';
import { detectMapping, fieldOptions, mappingProblems } from './fields.ts';
import type { ImportPreview } from './schemas.ts';

const PREVIEW_ROWS = 10;

/**
 * Reads the header and the first rows. `partial`: the source is only the start of the file, so a
 * last record that may have been cut is dropped unless enough rows came before it.
 */
export async function previewImport(
  source: AsyncIterable<Uint8Array>,
  kind: ImportKind,
  options: { partial: boolean },
): Promise<ImportPreview> {
  let delimiter: Delimiter = ',';
  const records: CsvRecord[] = [];
  let complete = false;
  for await (const batch of readCsv(source, {
    onDelimiter: (d) => {
      delimiter = d;
    },
    truncated: options.partial,
  })) {
    records.push(...batch);
    if (records.length > PREVIEW_ROWS + 1) {
      complete = true;
      break;
    }
  }
  if (!complete && options.partial && records.length > 1) records.pop();
  const [header, ...rows] = records;
  if (!header) {
    return {
      delimiter,
      headers: [],
      mapping: [],
      rows: [],
      fields: fieldOptions(kind),
      problems: ['The file is empty: expected a header row and at least one data row'],
    };
  }
  const headers = header.fields.map((h) => h.trim());
  const mapping = detectMapping(kind, headers);
  return {
    delimiter,
    headers,
    mapping,
    rows: rows.slice(0, PREVIEW_ROWS).map((r) => headers.map((_, i) => r.fields[i] ?? '')),
    fields: fieldOptions(kind),
    problems: [
      ...(rows.length === 0 ? ['The file has a header row but no data rows'] : []),
      ...mappingProblems(kind, mapping),
    ],
  };
}
