// Streaming CSV reading and writing. Reading: UTF-8 with or without a byte-order mark (any other
// encoding is refused with a clear message), comma or semicolon (detected from the header line),
// quoted fields with doubled quotes and line breaks inside. Memory stays bounded: the reader
// holds one chunk and the record being assembled, and a record longer than MAX_RECORD_CHARS
// stops the read (a binary file or a missing closing quote would otherwise grow without end).
// Writing: RFC 4180 quoting, plus formula escaping for spreadsheets.
import { AppError } from '../../errors.ts';

export const MAX_RECORD_CHARS = 1_000_000;

export type Delimiter = ',' | ';';
export type CsvRecord = { row: number; fields: string[] };

export class CsvError extends AppError {
  constructor(message: string) {
    super('unprocessable', message);
  }
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Picks the delimiter from the header line: the one of `,` and `;` that occurs more outside quotes. */
export function detectDelimiter(text: string): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted) {
      if (c === ',') commas++;
      else if (c === ';') semicolons++;
      else if (c === '\n' || c === '\r') break;
    }
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * Decodes UTF-8 strictly, chunk by chunk. A byte sequence that is not UTF-8 (Latin-1, Windows-1252,
 * UTF-16) throws a CsvError naming the approximate position.
 */
async function* decodeUtf8(
  source: AsyncIterable<Uint8Array>,
  onBytes?: (n: number) => void,
  truncated = false,
) {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  const refuse = () =>
    new CsvError(
      `The file is not UTF-8 text (a byte near position ${offset.toLocaleString('en')} is not valid UTF-8). ` +
        'Save it as "CSV UTF-8" (in Excel: File > Save As > CSV UTF-8) and try again.',
    );
  for await (const chunk of source) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw refuse();
    }
    offset += chunk.byteLength;
    onBytes?.(chunk.byteLength);
    if (text) yield text;
  }
  let rest = '';
  try {
    rest = decoder.decode();
  } catch {
    // A prefix of a file may end inside a multi-byte character.
    if (!truncated) throw refuse();
  }
  if (rest) yield rest;
}

/**
 * Reads CSV records from a byte stream, yielding them in batches (one per input chunk). The BOM is
 * dropped, the delimiter detected from the first line, and blank lines skipped (they still count
 * for row numbers, as a spreadsheet counts them).
 */
export async function* readCsv(
  source: AsyncIterable<Uint8Array>,
  options: {
    onBytes?: (n: number) => void;
    onDelimiter?: (d: Delimiter) => void;
    /** The source is only the start of a file (a preview): its end may cut a character or a quote. */
    truncated?: boolean;
  } = {},
): AsyncGenerator<CsvRecord[]> {
  let delimiter: Delimiter | null = null;
  let delimiterCode = 44;
  let head = '';
  let first = true;

  // Parser state, kept across chunks.
  let fields: string[] = [];
  let field = '';
  let recordChars = 0;
  let inQuotes = false;
  let quoteSeen = false; // a quote inside a quoted field: either the closing one or half of ""
  let afterCR = false;
  let row = 1;
  let out: CsvRecord[] = [];

  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) out.push({ row, fields });
    row++;
    fields = [];
    field = '';
    recordChars = 0;
  };
  const tooLong = () =>
    new CsvError(
      `Row ${row} is longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters. ` +
        'Is this a CSV file? A missing closing quote (") also causes this.',
    );

  const consume = (text: string) => {
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (inQuotes) {
        if (quoteSeen) {
          quoteSeen = false;
          if (text.charCodeAt(i) === QUOTE) {
            field += '"';
            i++;
            continue;
          }
          inQuotes = false;
          continue;
        }
        const q = text.indexOf('"', i);
        const end = q === -1 ? n : q;
        field += text.slice(i, end);
        recordChars += end - i;
        if (recordChars > MAX_RECORD_CHARS) throw tooLong();
        if (q === -1) return;
        quoteSeen = true;
        i = q + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (afterCR) {
        afterCR = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      if (c === delimiterCode) {
        fields.push(field);
        field = '';
        i++;
      } else if (c === LF || c === CR) {
        endRecord();
        afterCR = c === CR;
        i++;
      } else if (c === QUOTE && field === '') {
        inQuotes = true;
        i++;
      } else {
        // Scan a plain run up to the next delimiter, line break or quote.
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === delimiterCode || d === LF || d === CR) break;
          j++;
        }
        field += text.slice(i, j);
        recordChars += j - i;
        if (recordChars > MAX_RECORD_CHARS) throw tooLong();
        i = j;
      }
    }
  };

  for await (let text of decodeUtf8(source, options.onBytes, options.truncated)) {
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (delimiter === null) {
      head += text;
      if (!/[\r\n]/.test(head) && head.length < MAX_RECORD_CHARS) continue;
      if (!/[\r\n]/.test(head)) throw tooLong();
      delimiter = detectDelimiter(head);
      delimiterCode = delimiter.charCodeAt(0);
      options.onDelimiter?.(delimiter);
      text = head;
      head = '';
    }
    consume(text);
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  if (delimiter === null) {
    if (head.length > MAX_RECORD_CHARS) throw tooLong();
    delimiter = detectDelimiter(head);
    delimiterCode = delimiter.charCodeAt(0);
    options.onDelimiter?.(delimiter);
    consume(head);
  }
  if (inQuotes && !quoteSeen && !options.truncated)
    throw new CsvError(`Row ${row} has a quoted value that is never closed (")`);
  if (field !== '' || fields.length > 0) endRecord();
  if (out.length > 0) yield out;
}

// Cells that a spreadsheet would run as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: quoted when needed, and prefixed with ' when it would start a formula. */
export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Undoes csvCell's formula escape: `'=x` becomes `=x`, any other value is left as it is. */
export function unescapeFormula(value: string): string {
  return value.length > 1 && value[0] === "'" && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

export function csvLine(cells: (string | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
