/**
 * A streaming CSV parser (RFC 4180: quoted fields may hold delimiters, quotes doubled, and line
 * breaks) for the Distributed Map's CSV and MANIFEST readers. Rows come out as they complete.
 */

/** A CSV the reader cannot parse; the Map Run fails with States.ItemReaderFailed. */
export class CsvError extends Error {
  override readonly name = 'CsvError';
}

/**
 * Parses text chunks into rows. Blank lines are skipped. A row longer than `maxRowChars` fails:
 * a runaway quote must not buffer the rest of the file.
 */
export async function* csvRows(chunks: AsyncIterable<string>, delimiter: string, maxRowChars: number): AsyncGenerator<string[]> {
  let row: string[] = [];
  let field = '';
  let quoted = false;
  /** Inside a quoted field. */
  let inQuotes = false;
  /** The previous char closed a quote (a second quote makes it an escaped quote). */
  let afterQuote = false;
  let rowChars = 0;
  let line = 1;
  const endField = () => {
    row.push(field);
    field = '';
    quoted = false;
    afterQuote = false;
  };
  for await (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (++rowChars > maxRowChars) throw new CsvError(`CSV row at line ${line} is longer than ${maxRowChars} characters`);
      if (inQuotes) {
        if (c === '"') {
          inQuotes = false;
          afterQuote = true;
        } else field += c;
        continue;
      }
      if (c === '"') {
        if (afterQuote) {
          field += '"';
          inQuotes = true;
          afterQuote = false;
        } else if (field === '' && !quoted) {
          inQuotes = quoted = true;
        } else throw new CsvError(`CSV line ${line}: a quote inside an unquoted field`);
        continue;
      }
      if (c === delimiter) {
        endField();
        continue;
      }
      if (c === '\n' || c === '\r') {
        if (c === '\r' && chunk[i + 1] === '\n') continue; // the \n ends the row
        if (row.length > 0 || field !== '' || quoted) {
          endField();
          yield row;
        }
        row = [];
        rowChars = 0;
        line++;
        continue;
      }
      if (afterQuote) throw new CsvError(`CSV line ${line}: characters after a closing quote`);
      field += c;
    }
  }
  if (inQuotes) throw new CsvError(`CSV line ${line}: a quoted field is not closed`);
  if (row.length > 0 || field !== '' || quoted) {
    endField();
    yield row;
  }
}
