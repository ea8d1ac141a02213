import { InvalidArgumentError } from 'commander';
import {
  baselineArg,
  fractionArg,
  freezeStrategyArg,
  graphqlEnumName,
  groupByArg,
  intArg,
  kernelFamilyArg,
  trialStatusArg,
} from './option-values';

describe('option values', () => {
  it('spells domain values as GraphQL enum names', () => {
    expect(graphqlEnumName('kernelFamily')).toBe('KERNEL_FAMILY');
    expect(graphqlEnumName('fashion-mnist')).toBe('FASHION_MNIST');
    expect(kernelFamilyArg('Gaussian')).toBe('GAUSSIAN');
    expect(freezeStrategyArg('frozen-first')).toBe('FROZEN_FIRST');
    expect(freezeStrategyArg('TRAIN_ALL')).toBe('TRAIN_ALL');
    expect(trialStatusArg('completed')).toBe('COMPLETED');
  });

  it('refuses values outside the domain, listing the allowed ones', () => {
    expect(() => kernelFamilyArg('fourier')).toThrow(InvalidArgumentError);
    expect(() => kernelFamilyArg('fourier')).toThrow(/Allowed: gaussian, box/);
    expect(() => trialStatusArg('done')).toThrow(/PENDING/);
    expect(() => groupByArg('kernelFamily,colour')).toThrow(/Allowed: kernelFamily, freezeStrategy/);
  });

  it('reads group-by lists and baseline keys', () => {
    expect(groupByArg('kernelFamily, freeze_strategy,seed')).toEqual([
      'KERNEL_FAMILY',
      'FREEZE_STRATEGY',
      'SEED',
    ]);
    expect(baselineArg('kernelFamily=Learned,freezeStrategy=train-all')).toEqual([
      { field: 'KERNEL_FAMILY', value: 'learned' },
      { field: 'FREEZE_STRATEGY', value: 'TRAIN_ALL' },
    ]);
    expect(baselineArg('learningRate=0.01')).toEqual([{ field: 'LEARNING_RATE', value: '0.01' }]);
    expect(() => baselineArg('kernelFamily')).toThrow(/FIELD=VALUE/);
    expect(() => baselineArg('kernelFamily=')).toThrow(/FIELD=VALUE/);
  });

  it('checks integer and fraction ranges', () => {
    expect(intArg(1, 100)('5')).toBe(5);
    expect(() => intArg(1, 100)('0')).toThrow(/from 1 to 100/);
    expect(() => intArg(1, 100)('2.5')).toThrow(InvalidArgumentError);
    expect(fractionArg('0.75')).toBe(0.75);
    expect(() => fractionArg('75')).toThrow(/0 to 1/);
    expect(() => fractionArg('')).toThrow(InvalidArgumentError);
  });
});
