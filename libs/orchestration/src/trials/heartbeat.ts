import { Context } from '@temporalio/activity';

/**
 * Runs `work` while heartbeating every `everyMs` with the activity's last heartbeat details
 * (so a retry still resumes where the last epoch left off), for long steps that report no
 * progress of their own: feature extraction, pretraining.
 */
export async function whileHeartbeating<T>(work: () => Promise<T>, everyMs = 10_000): Promise<T> {
  const ctx = Context.current();
  const details: unknown = ctx.info.heartbeatDetails;
  const beat = () => ctx.heartbeat(details);
  const timer = setInterval(beat, everyMs);
  beat();
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
