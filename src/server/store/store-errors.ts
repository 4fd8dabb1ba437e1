/**
 * A store that cannot be opened stops start-up with one line saying what and where: a
 * directory without write permission, a file that is not a database, a full disk, a schema
 * newer than this Runboard.
 */
export class StoreOpenError extends Error {
  constructor(where: string, cause: unknown) {
    const reason =
      typeof cause === 'string' ? cause : cause instanceof Error ? cause.message : 'unknown error'
    super(`The run store at ${where} cannot be opened: ${reason}`)
    this.name = 'StoreOpenError'
  }
}
