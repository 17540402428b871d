import type { LiveRoomErrorCode } from './types.js';

/** A workflow step that failed, named by the step itself: the workflow's one catch reports it. */
export class StepFailure extends Error {
  constructor(
    readonly code: LiveRoomErrorCode,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'StepFailure';
  }
}

/**
 * Runs one step; what it throws is rethrown as a StepFailure with `code` (or the code `codeOf`
 * reads from the error, when the error itself tells which failure it was).
 */
export async function step<T>(code: LiveRoomErrorCode | ((error: unknown) => LiveRoomErrorCode), run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new StepFailure(typeof code === 'function' ? code(error) : code, error);
  }
}

/** The code and cause of a failure that reached a workflow's catch; `fallback` for one no step named. */
export function failureOf(error: unknown, fallback: LiveRoomErrorCode): { code: LiveRoomErrorCode; cause: unknown } {
  return error instanceof StepFailure ? { code: error.code, cause: error.cause } : { code: fallback, cause: error };
}
