/**
 * The low-level pieces of reading a vendor answer that the client's logic should not be
 * cluttered with: a body read with a size limit (a vendor or proxy gone wrong must not fill
 * the server's memory), and undici's error codes told apart (a timeout is not a refusal).
 */
import { z } from 'zod'

export const maxBodyBytes = 8 * 1024 * 1024

export class BodyTooLarge extends Error {}

export async function readLimited(body: AsyncIterable<Buffer | string>): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    size += buffer.length
    if (size > maxBodyBytes) throw new BodyTooLarge()
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export function isTimeoutError(error: unknown): boolean {
  const code = errorCode(error)
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT'
}

export function networkErrorName(error: unknown): string {
  return errorCode(error) ?? 'connection error'
}

const errorWithCode = z.object({ code: z.string() })

function errorCode(error: unknown): string | undefined {
  const parsed = errorWithCode.safeParse(error)
  return parsed.success ? parsed.data.code : undefined
}
