/** Injection tokens of the gateway. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
export const LOGGER = Symbol('LOGGER');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
