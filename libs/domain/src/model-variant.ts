import {
  DEFAULT_CONV_LAYERS,
  DEFAULT_MODEL_INIT,
  type ConvLayerCount,
  type ModelInit,
  type ModelSpec,
} from './sweep-spec';

/** The model's number of convolution layers (2, the reference CNN, when absent). */
export function convLayersOf(model: Pick<ModelSpec, 'convLayers'>): ConvLayerCount {
  return model.convLayers ?? DEFAULT_CONV_LAYERS;
}

/** The init of the model's non-chosen layers (`he` when absent). */
export function modelInitOf(model: Pick<ModelSpec, 'init'>): ModelInit {
  return model.init ?? DEFAULT_MODEL_INIT;
}

/**
 * The model with its defaults written as absent fields, so `convLayers: 2` or `init: 'he'`
 * hash like a model that never named them (trial IDs and feature keys stay as they were).
 */
export function normaliseModel(model: ModelSpec): ModelSpec {
  const { convLayers, init, ...rest } = model;
  return {
    ...rest,
    ...(convLayersOf({ convLayers }) === DEFAULT_CONV_LAYERS ? {} : { convLayers }),
    ...(modelInitOf({ init }) === DEFAULT_MODEL_INIT ? {} : { init }),
  };
}
