import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { graphqlEnumName } from './option-values';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const ENUM_FIELDS = new Set([
  'family',
  'freeze',
  'name@dataset',
  'sourceDataset',
  'optimizer',
  'init',
  'accelerator',
]);

function toGraphqlInput(value: Json, key = '', parent = ''): Json {
  if (Array.isArray(value)) return value.map((v) => toGraphqlInput(v, key, parent));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toGraphqlInput(v, k, key)]));
  }
  const isEnum = ENUM_FIELDS.has(key) || ENUM_FIELDS.has(`${key}@${parent}`);
  return typeof value === 'string' && isEnum ? graphqlEnumName(value) : value;
}

function isObject(value: Json | undefined): value is JsonObject {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** `base` with `over` laid on top: objects merge key by key, anything else (arrays too) is replaced. */
export function overlay(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isObject(b) && isObject(v) ? overlay(b, v) : v;
  }
  return out;
}

/** A spec file names presets that the user did not pick correctly. */
export class PresetError extends Error {}

/**
 * Applies a preset. A spec file may carry `presets: {name: overrides, ...}`: each preset is laid
 * over the rest of the file (see {@link overlay}) and its name is appended to the sweep's name.
 * Without `preset`, the first preset listed is used. A file without presets is returned as is,
 * and naming a preset for it is an error.
 */
export function applyPreset(doc: JsonObject, preset?: string): JsonObject {
  const { presets, ...base } = doc;
  if (presets === undefined) {
    if (preset !== undefined) throw new PresetError(`--preset ${preset}: the spec file defines no presets`);
    return doc;
  }
  if (!isObject(presets) || Object.keys(presets).length === 0) {
    throw new PresetError('presets must map preset names to spec overrides');
  }
  const name = preset ?? Object.keys(presets)[0];
  const chosen = presets[name];
  if (!isObject(chosen)) {
    throw new PresetError(`unknown preset ${name}; the spec file defines ${Object.keys(presets).join(', ')}`);
  }
  const merged = overlay(base, chosen);
  return typeof merged.name === 'string' ? { ...merged, name: `${merged.name} (${name})` } : merged;
}

/**
 * Reads a YAML or JSON sweep spec (domain spelling), applies the chosen preset and returns the
 * `CreateSweepInput` variables.
 */
export function readSpecFile(path: string, preset?: string): Json {
  const doc = parse(readFileSync(path, 'utf8')) as Json;
  if (!isObject(doc)) throw new PresetError('a spec file holds one mapping (name, dataset, grid, ...)');
  return toGraphqlInput(applyPreset(doc, preset));
}
