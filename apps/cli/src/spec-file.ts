import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { graphqlEnumName } from './option-values';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const ENUM_FIELDS = new Set(['family', 'freeze', 'name@dataset', 'optimizer', 'init', 'accelerator']);

function toGraphqlInput(value: Json, key = '', parent = ''): Json {
  if (Array.isArray(value)) return value.map((v) => toGraphqlInput(v, key, parent));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toGraphqlInput(v, k, key)]));
  }
  const isEnum = ENUM_FIELDS.has(key) || ENUM_FIELDS.has(`${key}@${parent}`);
  return typeof value === 'string' && isEnum ? graphqlEnumName(value) : value;
}

/** Reads a YAML or JSON sweep spec (domain spelling) and returns the `CreateSweepInput` variables. */
export function readSpecFile(path: string): Json {
  return toGraphqlInput(parse(readFileSync(path, 'utf8')) as Json);
}
