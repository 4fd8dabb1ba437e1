/**
 * The messages between the bench and a server child (bench/lib/server-child.ts) over Node's
 * IPC channel, as zod schemas: both sides parse what they receive.
 */
import { z } from 'zod'

export const childConfigSchema = z.object({
  /** `runboard`: startRunboard(env) (demo mode embeds the sandbox); `sandbox`: the sandbox alone. */
  mode: z.enum(['runboard', 'sandbox']),
  env: z.record(z.string(), z.string()),
  distDir: z.string().optional(),
  /** Where to import src/ from (a snapshot taken at bench start); the live tree when unset. */
  srcRoot: z.string().optional(),
})
export type ChildConfig = z.infer<typeof childConfigSchema>

export const memorySnapshotSchema = z.object({
  rss: z.number(),
  heapUsed: z.number(),
  heapTotal: z.number(),
  external: z.number(),
  arrayBuffers: z.number(),
  /** Highest RSS / heap used the child's own 50 ms sampler saw since start or the last reset. */
  peakRss: z.number(),
  peakHeapUsed: z.number(),
  /** Whether global.gc was available (the child runs with --expose-gc). */
  canGc: z.boolean(),
})
export type MemorySnapshot = z.infer<typeof memorySnapshotSchema>

export const parentMessageSchema = z.object({
  id: z.number().int(),
  type: z.enum(['memory', 'gc', 'reset-peak', 'close']),
})
export type ParentMessage = z.infer<typeof parentMessageSchema>

export const childMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    url: z.string(),
    sandboxUrl: z.string().optional(),
    startupMs: z.number(),
    memory: memorySnapshotSchema,
  }),
  z.object({ type: z.literal('failed'), message: z.string() }),
  z.object({ type: z.literal('reply'), id: z.number().int(), memory: memorySnapshotSchema }),
])
export type ChildMessage = z.infer<typeof childMessageSchema>
