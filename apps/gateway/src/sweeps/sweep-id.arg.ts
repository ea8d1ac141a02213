import { Args, ID } from '@nestjs/graphql';
import type { PipeTransform } from '@nestjs/common';
import { sweepIdProblem } from '@kernel-sweep/domain';
import { badUserInput } from '../errors/graphql-errors';

/** What the schema says of every sweep ID argument. */
export const SWEEP_ID_DESCRIPTION =
  'A sweep ID as createSweep answers it: "sw-" and 20 lowercase hex digits.';

/**
 * Refuses an argument that cannot be a sweep ID (empty, or not of `sweepIdOf`'s form) with
 * BAD_USER_INPUT naming the argument, before anything asks Temporal about it; a well-formed ID
 * that does not exist is the service's NOT_FOUND.
 */
export class SweepIdPipe implements PipeTransform<string, string> {
  constructor(private readonly argument: string) {}

  transform(value: string): string {
    const problem = sweepIdProblem(value);
    if (problem) throw badUserInput(this.argument, `${this.argument} ${problem}`);
    return value;
  }
}

/** A sweep ID argument named `name` (`id`, `sweepId`): an `ID!` with its form described and checked. */
export function SweepIdArg(name: string): ParameterDecorator {
  return Args(name, { type: () => ID, description: SWEEP_ID_DESCRIPTION }, new SweepIdPipe(name));
}
