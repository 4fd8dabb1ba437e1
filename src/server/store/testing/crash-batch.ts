/** Shared by the crash test and its writer child: how many runs each batch holds. */
export const runsPerBatch = 50
