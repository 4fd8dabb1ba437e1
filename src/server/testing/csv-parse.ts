/**
 * A strict RFC 4180 reader for tests, written apart from the exporter so that a test reads
 * the file the way a spreadsheet would: quoted fields may hold commas, doubled quotes and line
 * breaks; records end with CRLF; anything else (a bare quote mid-field, text after a closing
 * quote, a bare LF ending a record) is an error, not a guess.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let index = 0
  const endField = () => {
    record.push(field)
    field = ''
  }
  while (index < text.length) {
    if (text[index] === '"' && field === '') {
      index += 1
      for (;;) {
        if (index >= text.length) throw new Error('unterminated quoted field')
        if (text[index] === '"') {
          if (text[index + 1] === '"') {
            field += '"'
            index += 2
            continue
          }
          index += 1
          break
        }
        field += text.charAt(index)
        index += 1
      }
      const next = text[index]
      if (next !== ',' && next !== '\r' && next !== undefined) {
        throw new Error(`text after a closing quote at ${index}`)
      }
      if (next === undefined) break
    }
    const char = text.charAt(index)
    if (char === ',') {
      endField()
      index += 1
    } else if (char === '\r') {
      if (text[index + 1] !== '\n') throw new Error(`a CR without LF at ${index}`)
      endField()
      records.push(record)
      record = []
      index += 2
    } else if (char === '\n') {
      throw new Error(`a bare LF ends a record at ${index}`)
    } else if (char === '"') {
      throw new Error(`a quote inside an unquoted field at ${index}`)
    } else {
      field += char
      index += 1
    }
  }
  if (field !== '' || record.length > 0) {
    endField()
    records.push(record)
  }
  return records
}

/** Records as objects keyed by the header row. */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text)
  if (header === undefined) throw new Error('no header row')
  return rows.map((row) => {
    if (row.length !== header.length) throw new Error(`a row of ${row.length} fields`)
    return Object.fromEntries(header.map((name, i) => [name, row[i] ?? '']))
  })
}
