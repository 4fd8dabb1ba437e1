/**
 * The part of a source's sync state kept in the store beside its cursors, so that a restart
 * (or another replica) knows when the workflows were read, when the sync last succeeded and
 * why it last failed.
 */
import * as z from 'zod'

export const persistedStateSchema = z.object({
  workflowsReadMs: z.number().nullable(),
  lastSuccessMs: z.number().nullable(),
  lastError: z.string().optional(),
})
export type PersistedState = z.infer<typeof persistedStateSchema>
