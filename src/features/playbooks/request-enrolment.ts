// "Enrol this workspace's new answers soon." Called by every path that records an answer (the
// public answer page, the API, CSV imports) right after its transaction commits. The durable state
// is survey_answers.enrolled_at (null = still to enrol) and the `playbooks.enrol-pending` cron
// sweep picks up anything left behind (a crash, a process without a worker); this function only
// makes the common case prompt. It is cheap enough to call thousands of times a second: a call
// sets a flag, and at most one run per workspace is scheduled or running at any moment.
import type { Db } from '../../db/client.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { enrolPendingAnswers } from './enrol-pending-answers.ts';

/** A burst of answers is enrolled by one run this long after its first answer. */
export const ENROL_DEBOUNCE_MS = 500;

type WorkspaceState = {
  timer: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
  /** Answers arrived while a run was in progress: run once more when it ends. */
  again: boolean;
};

export type RequestEnrolmentDeps = {
  db: Db;
  /**
   * The job queue of this process, when there is one. The prompt run happens in process either
   * way (enqueuing a job per answer would cost a write per answer); the queue's cron sweep is
   * what guarantees enrolment when this process dies before its run.
   */
  jobs: JobQueue | undefined;
  log?: (message: string) => void;
};

// Keyed by database handle so that test apps (one database each) never share state.
const states = new WeakMap<Db, Map<string, WorkspaceState>>();

export function requestEnrolment(deps: RequestEnrolmentDeps, workspaceId: string): void {
  let byWorkspace = states.get(deps.db);
  if (!byWorkspace) {
    byWorkspace = new Map();
    states.set(deps.db, byWorkspace);
  }
  let state = byWorkspace.get(workspaceId);
  if (!state) {
    state = { timer: undefined, running: undefined, again: false };
    byWorkspace.set(workspaceId, state);
  }
  if (state.running) {
    state.again = true;
    return;
  }
  if (state.timer) return;
  schedule(deps, workspaceId, state, byWorkspace);
}

function schedule(
  deps: RequestEnrolmentDeps,
  workspaceId: string,
  state: WorkspaceState,
  byWorkspace: Map<string, WorkspaceState>,
): void {
  state.timer = setTimeout(() => start(deps, workspaceId, state, byWorkspace), ENROL_DEBOUNCE_MS);
  // A pending enrolment must not keep a finishing process (or a test) alive: the sweep catches up.
  state.timer.unref();
}

function start(
  deps: RequestEnrolmentDeps,
  workspaceId: string,
  state: WorkspaceState,
  byWorkspace: Map<string, WorkspaceState>,
): void {
  clearTimeout(state.timer);
  state.timer = undefined;
  state.running = run(deps, workspaceId).finally(() => {
    state.running = undefined;
    if (state.again) {
      state.again = false;
      schedule(deps, workspaceId, state, byWorkspace);
    } else {
      byWorkspace.delete(workspaceId);
    }
  });
}

async function run(deps: RequestEnrolmentDeps, workspaceId: string): Promise<void> {
  try {
    await enrolPendingAnswers(deps.db, { workspaceId });
  } catch (error) {
    const log = deps.log ?? ((message: string) => console.error(message));
    log(`playbooks: enrolling answers of workspace ${workspaceId} failed: ${errorMessage(error)}`);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Resolves when no enrolment is scheduled or running for this database (tests, graceful
 * shutdown). Scheduled runs are started at once instead of waiting for their timer.
 */
export async function settleEnrolmentRequests(deps: RequestEnrolmentDeps): Promise<void> {
  const byWorkspace = states.get(deps.db);
  if (!byWorkspace) return;
  for (;;) {
    const pending = [...byWorkspace.entries()];
    if (pending.length === 0) return;
    for (const [workspaceId, state] of pending) {
      if (state.timer) start(deps, workspaceId, state, byWorkspace);
    }
    await Promise.all(pending.map(([, state]) => state.running).filter(Boolean));
    // Let the `finally` handlers above run before looking again.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
