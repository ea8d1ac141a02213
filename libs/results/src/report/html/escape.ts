const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * Prefixes the element IDs vega writes (`gradient_0`, `clip_1`) and their references, so several
 * charts inlined in one page do not resolve each other's gradients and clip paths.
 */
export function prefixSvgIds(svg: string, prefix: string): string {
  return svg.replace(/\b(gradient|clip)_(\d+)\b/g, `${prefix}-$1_$2`);
}
