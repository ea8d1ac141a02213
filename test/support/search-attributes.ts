import type { ConnectionLike } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const { IndexedValueType } = temporal.api.enums.v1;

/** Search attributes the workflows set that a stack started before them may lack (scripts/stack.sh registers all). */
const ADDED_LATER = { TrialQueue: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD };

/**
 * Registers the search attributes added after the local stack may have been started, as
 * `scripts/stack.sh up` does for an existing database; a no-op when they exist.
 */
export async function ensureSearchAttributes(connection: Pick<ConnectionLike, 'operatorService'>, namespace = 'default'): Promise<void> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const customKeys = customAttributes ?? {};
  const missing = Object.fromEntries(Object.entries(ADDED_LATER).filter(([name]) => !(name in customKeys)));
  if (Object.keys(missing).length === 0) return;
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing }).catch((err: unknown) => {
    // Another test file registered it first.
    if (!(err instanceof Error && /already exists/i.test(err.message))) throw err;
  });
}
